using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

sealed class IndexModel(CatalogCache catalog) : PageModel
{
    public IReadOnlyList<ServiceChoice.Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Groups = ServiceChoice.Groups((await catalog.SnapshotAsync(ct)).Services);
}
