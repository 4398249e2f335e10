using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Choosing what to report: every service by group, or those whose name or keywords match what was typed.
sealed class ReportModel(CatalogCache catalog) : PageModel
{
    public string? Query { get; private set; }
    public IReadOnlyList<ServiceChoice.Group> Groups { get; private set; } = [];
    public bool Searched => !string.IsNullOrWhiteSpace(Query);
    public bool Found { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        var snapshot = await catalog.SnapshotAsync(ct);
        Query = q?.Trim();
        var matching = Searched ? ServiceChoice.Matching(snapshot, Query!) : [];
        Found = matching.Count > 0;
        // Nothing found: every service, to choose from.
        Groups = ServiceChoice.Groups(Found ? matching : snapshot.Services);
    }
}
