using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Open311;

// The queue on a map: the queue's filter (the same URL words) with the map's view as the places API's bbox, through
// the same StaffQueue; markers grouped (the resident map's script, map.js, which asks the Data handler as the view
// moves), and the list beside it, which is what works without JavaScript and what a screen reader reads.
sealed class ConsoleMapModel(CatalogCache catalog, StaffQueue queue, TimeProvider time, WebDates dates, IOptions<MapOptions> map,
    IOptions<Open311Options> options) : PageModel
{
    public const int Most = 200;

    public QueueQuery Query { get; private set; } = new();
    public QueuePage Found { get; private set; } = new([], 0);
    public IReadOnlyList<ServiceEntry> Services { get; private set; } = [];
    public IReadOnlyList<string> Groups { get; private set; } = [];
    public GeoBox View { get; private set; } = null!;
    public MapOptions Map => map.Value;
    public BoundsOptions? Bounds => options.Value.Bounds;
    public WebDates Dates => dates;

    public static string Bbox(GeoBox b) => FormattableString.Invariant($"{b.West},{b.South},{b.East},{b.North}");

    public async Task OnGetAsync(CancellationToken ct) => await ReadAsync(ct);

    public async Task<IActionResult> OnGetDataAsync(CancellationToken ct)
    {
        await ReadAsync(ct);
        return new JsonResult(new
        {
            total = Found.Total,
            more = Found.Total > Found.Rows.Count,
            requests = Found.Rows.Select(r => new
            {
                id = r.ServiceRequestId, service = r.ServiceName, status = r.Status, address = r.Address, lat = r.Lat, @long = r.Lon,
                requested = dates.Format(r.RequestedAt), url = $"/console/requests/{r.ServiceRequestId}",
            }),
        });
    }

    async Task ReadAsync(CancellationToken ct)
    {
        Query = QueueQuery.Parse(Request.Query);
        var snapshot = await catalog.SnapshotAsync(ct);
        Services = snapshot.Services.OrderBy(s => s.Service.ServiceName, StringComparer.CurrentCulture).ToList();
        Groups = snapshot.Services.Select(s => s.Service.GroupName).OfType<string>().Distinct().Order(StringComparer.CurrentCulture).ToList();
        View = Query.Box ?? DefaultView();
        var filter = (Query with { Box = View, Page = 1 }).ToFilter(snapshot, time.GetUtcNow().ToUnixTimeMilliseconds(), Most);
        Found = await queue.SearchAsync(filter with { WithCoordinates = true }, ct);
    }

    // The jurisdiction's bounds (when within a degree a side), or about 5 km around the map's centre.
    GeoBox DefaultView()
    {
        if (Bounds is { } b && b.North - b.South <= 1 && b.East - b.West <= 1) return new(b.South, b.West, b.North, b.East);
        var (lat, lon) = Bounds is { } c ? ((c.South + c.North) / 2, (c.West + c.East) / 2) : (Map.Latitude, Map.Longitude);
        var around = RequestsInView.Box.Around(lat, lon, 5_000);
        return new(around.South, around.West, around.North, around.East);
    }
}
