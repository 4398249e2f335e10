using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Choosing what to report: every service by group, or those whose name or keywords match what was typed.
sealed class ReportModel(CatalogCache catalog) : PageModel
{
    public string? Query { get; private set; }
    public IReadOnlyList<ServiceChoice.Group> Groups { get; private set; } = [];
    public bool Searched => !string.IsNullOrWhiteSpace(Query);

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        var snapshot = await catalog.SnapshotAsync(ct);
        Query = q?.Trim();
        Groups = ServiceChoice.Groups(Searched ? ServiceChoice.Matching(snapshot, Query!) : snapshot.Services);
    }
}
