using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Open311;

// Recent requests in a map's view, filtered by service and status, as a list (for everyone, and the only view
// without JavaScript) and as markers (map.js, which asks the Data handler again as the view moves).
sealed class MapModel(CatalogCache catalog, RequestsInView inView, WebDates dates, IOptions<MapOptions> map, IOptions<Open311Options> options) : PageModel
{
    public const int Days = 90;
    public const int Most = 200;

    public IReadOnlyList<ServiceEntry> Services { get; private set; } = [];
    public IReadOnlyList<RequestRow> Rows { get; private set; } = [];
    public RequestsInView.Box View { get; private set; } = null!;
    public string? ServiceCode { get; private set; }
    public string? Status { get; private set; }
    public MapOptions Map => map.Value;
    public BoundsOptions? Bounds => options.Value.Bounds;
    public WebDates Dates => dates;

    public async Task OnGetAsync(string? bbox, string? service, string? status, CancellationToken ct) =>
        await ReadAsync(bbox, service, status, ct);

    public async Task<IActionResult> OnGetDataAsync(string? bbox, string? service, string? status, CancellationToken ct)
    {
        await ReadAsync(bbox, service, status, ct);
        return new JsonResult(new
        {
            total = Rows.Count,
            more = Rows.Count >= Most,
            requests = Rows.Select(r => new
            {
                id = r.ServiceRequestId, service = r.ServiceName, status = r.Status, address = r.Address, lat = r.Lat, @long = r.Lon,
                requested = dates.Format(r.RequestedAt), url = $"/track/{r.ServiceRequestId}",
            }),
        });
    }

    async Task ReadAsync(string? bbox, string? service, string? status, CancellationToken ct)
    {
        var snapshot = await catalog.SnapshotAsync(ct);
        Services = snapshot.Services;
        var chosen = string.IsNullOrEmpty(service) ? null : snapshot.Find(service);
        ServiceCode = chosen?.Service.ServiceCode;
        Status = status is "open" or "closed" ? status : null;
        View = RequestsInView.Box.Parse(bbox) ?? DefaultView();
        Rows = await inView.InBoxAsync(View, chosen, Status, Days, Most, ct);
    }

    // The jurisdiction's bounds (at most a degree a side around their middle), or a box around the map's centre.
    RequestsInView.Box DefaultView()
    {
        if (Bounds is { } b && b.North - b.South <= 1 && b.East - b.West <= 1) return new(b.West, b.South, b.East, b.North);
        var (lat, lon) = Bounds is { } c ? ((c.South + c.North) / 2, (c.West + c.East) / 2) : (Map.Latitude, Map.Longitude);
        return RequestsInView.Box.Around(lat, lon, 5_000);
    }
}
