using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// The catalog editor: every service (active or not), one edited at a time as its definition in the catalog file's
// form (the shape `services export` writes and PUT /api/v1/services/{code} takes: attributes of every datatype, list
// values, order, required, informational, active with a notice, group, keywords), checked by CatalogRules and saved
// by CatalogStore as the staff API does, so the resident form shows it at once; the resident form itself is the
// preview. The whole catalog downloads as the export's file.
sealed class CatalogModel(CatalogReader reader, CatalogStore store, DateCodec dates) : PageModel
{
    public IReadOnlyList<CatalogService> All { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Definition { get; set; }
    public List<string> Problems { get; } = [];
    public string? Saved => Request.Query["saved"].ToString() is { Length: > 0 } s ? s : null;

    static readonly JsonSerializerOptions Indented = new(WireJson.Files) { WriteIndented = true };

    const string Template = """
        {
          "service_code": "NEWCODE",
          "service_name": "A new service",
          "description": "What residents report with it.",
          "group": "Streets & Transportation",
          "keywords": "word, another",
          "active": true,
          "attributes": [
            { "code": "SIZE", "datatype": "singlevaluelist", "description": "How big is it?", "order": 1, "required": true,
              "values": [ { "key": "small", "name": "Small" }, { "key": "large", "name": "Large" } ] }
          ]
        }
        """;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ListAsync(ct);
        Definition = Code is null ? Template
            : All.FirstOrDefault(s => s.ServiceCode == Code) is { } s ? JsonSerializer.Serialize(s with { UpdatedAt = null }, Indented) : Template;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var services = CatalogService.AllOf(await reader.ReadAsync(ct), dates);
        return File(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(services, WireJson.Files) + "\n"), "application/json", "catalog.json");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CatalogService? service = null;
        try
        {
            service = JsonSerializer.Deserialize<CatalogService>(Definition ?? "", WireJson.Files);
        }
        catch (JsonException e)
        {
            Problems.Add($"JSON: {e.Message.Split(". Path")[0]}");
        }
        if (service is null && Problems.Count == 0) Problems.Add("JSON: a service definition is an object");
        if (service is not null)
        {
            service = service with { UpdatedAt = null };
            Problems.AddRange(CatalogRules.Check(service).Select(p => $"{p.Field}: {p.Problem}"));
        }
        if (Problems.Count > 0)
        {
            await ListAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await store.SaveAsync(service!, User.Actor(), ct);
        return Redirect($"/console/catalog?code={Uri.EscapeDataString(service!.ServiceCode)}&saved={Uri.EscapeDataString(service.ServiceCode)}");
    }

    async Task ListAsync(CancellationToken ct) =>
        All = CatalogService.AllOf(await reader.ReadAsync(ct), dates).OrderBy(s => s.ServiceName, StringComparer.CurrentCulture).ToList();
}
