using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// The catalog editor: every service (active or not), one edited at a time field by field (CatalogForm): its name,
// description, group, keywords, type, active with a notice, and its questions (every datatype, list choices, order,
// required, informational). A save is checked by CatalogRules, the staff API's one list of rules, with each problem
// shown beside its field, and written by CatalogStore as the staff API writes it (audited, the cache told), so the
// resident form, the preview, shows it at once.
sealed partial class CatalogModel(CatalogReader reader, CatalogStore store, DateCodec dates, Microsoft.Extensions.Localization.IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<CatalogService> All { get; private set; } = [];
    // The service edited (the query's code, or the form's on a save); null for a new one.
    public string? Code { get; private set; }
    // A new service: its code is typed on the form, and a code that exists is refused rather than replaced.
    [BindProperty] public bool IsNew { get; set; }
    [BindProperty] public CatalogForm Form { get; set; } = CatalogForm.New();
    // Each problem as CatalogRules names its field (service_name, attributes[0].values...).
    public List<(string Field, string Problem)> Problems { get; } = [];
    public string? Saved => Request.Query["saved"].ToString() is { Length: > 0 } s ? s : null;

    // The rules name fields and questions as the staff API does (attributes[1].code); a clerk reads "Question 2 · code".
    [System.Text.RegularExpressions.GeneratedRegex(@"attributes\[(\d+)\](\.?)")]
    private static partial System.Text.RegularExpressions.Regex AttributeName();

    public string Readable(string named) =>
        AttributeName().Replace(named,
            m => text["Con_QuestionN", int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1] + (m.Groups[2].Length > 0 ? " · " : ""));

    public string? ErrorOf(string field) =>
        Problems.Where(p => p.Field == field).Select(p => Readable(p.Problem)).ToList() is { Count: > 0 } found ? string.Join("; ", found) : null;

    public async Task OnGetAsync(string? code, CancellationToken ct)
    {
        Code = code;
        await ListAsync(ct);
        var found = Code is null ? null : All.FirstOrDefault(s => s.ServiceCode == Code);
        IsNew = found is null;
        Form = found is null ? CatalogForm.New() : CatalogForm.From(found);
        if (found is null) Code = null;
    }

    // act: the button pressed: save, or one of the form's own (CatalogForm.Apply).
    public async Task<IActionResult> OnPostAsync(string? code, string? act, CancellationToken ct)
    {
        Code = IsNew ? null : code;
        await ListAsync(ct);
        if (!IsNew) Form.Code = Code;
        if (act != "save" && Form.Apply(act)) return Page();

        var existing = All.FirstOrDefault(s => s.ServiceCode == Form.Code?.Trim());
        // What the editor does not show is kept as it is: the area, the default team, the target.
        var service = Form.ToService(IsNew ? null : existing?.Area) with
        {
            DefaultTeam = IsNew ? null : existing?.DefaultTeam, Sla = IsNew ? null : existing?.Sla,
        };
        Problems.AddRange(CatalogRules.Check(service));
        if (Problems.Count == 0)
        {
            if (!IsNew) await store.SaveAsync(service, User.Actor(), ct);
            else if (!await store.CreateAsync(service, User.Actor(), ct)) Problems.Add(("service_code", "exists already; pick it in the list to edit it"));
        }
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/console/catalog?code={Uri.EscapeDataString(service.ServiceCode)}&saved={Uri.EscapeDataString(service.ServiceCode)}");
    }

    async Task ListAsync(CancellationToken ct) =>
        All = CatalogService.AllOf(await reader.ReadAsync(ct), dates).OrderBy(s => s.ServiceName, StringComparer.CurrentCulture).ToList();
}
