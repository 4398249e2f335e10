using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// The queue: requests filtered by service, group, status, age, agency, text and photo, sorted, paged with the
// count of the whole match; the filter lives in the URL. The CSV handler exports the same filter (contact fields
// for admins only).
sealed class QueueModel(CatalogCache catalog, StaffQueue queue, TimeProvider time, WebDates dates) : PageModel
{
    public const int CsvMost = 10_000;

    public QueueQuery Query { get; private set; } = new();
    public QueuePage Found { get; private set; } = new([], 0);
    public IReadOnlyList<ServiceEntry> Services { get; private set; } = [];
    public IReadOnlyList<string> Groups { get; private set; } = [];
    public WebDates Dates => dates;
    public int Pages => (int)Math.Max(1, (Found.Total + QueueQuery.PerPage - 1) / QueueQuery.PerPage);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var snapshot = await ReadAsync(ct);
        Found = await queue.SearchAsync(Query.ToFilter(snapshot, Now), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var snapshot = await ReadAsync(ct);
        var admin = User.IsAdmin();
        var csv = new StringBuilder();
        var head = new List<string> { "service_request_id", "status", "service_code", "service_name", "requested_datetime", "updated_datetime",
            "agency_responsible", "address", "lat", "long", "channel", "description", "status_detail", "duplicate_of" };
        if (admin) head.AddRange(["email", "phone", "first_name", "last_name"]);
        Csv.Line(csv, head);
        var filter = Query.ToFilter(snapshot, Now, perPage: 100);
        for (var page = 1; page <= CsvMost / 100; page++)
        {
            var found = await queue.SearchAsync(filter with { Page = page }, ct);
            var contacts = admin && found.Rows.Count > 0 ? await queue.ContactsAsync(found.Rows.Select(r => r.Id), ct) : null;
            foreach (var r in found.Rows)
            {
                var line = new List<string?> { r.ServiceRequestId, r.Status, r.ServiceCode, r.ServiceName, Iso(r.RequestedAt), Iso(r.UpdatedAt),
                    r.AgencyResponsible, r.Address, Csv.Number(r.Lat), Csv.Number(r.Lon), r.Channel, r.Description, r.StatusDetail, r.DuplicateOf };
                if (contacts?.GetValueOrDefault(r.Id) is { } c) line.AddRange([c.Email, c.Phone, c.FirstName, c.LastName]);
                else if (admin) line.AddRange([null, null, null, null]);
                Csv.Line(csv, line);
            }
            if (found.Rows.Count < 100) break;
        }
        var name = $"requests-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);
    }

    async Task<CatalogSnapshot> ReadAsync(CancellationToken ct)
    {
        Query = QueueQuery.Parse(Request.Query);
        var snapshot = await catalog.SnapshotAsync(ct);
        Services = snapshot.Services.OrderBy(s => s.Service.ServiceName, StringComparer.CurrentCulture).ToList();
        Groups = snapshot.Services.Select(s => s.Service.GroupName).OfType<string>().Distinct().Order(StringComparer.CurrentCulture).ToList();
        return snapshot;
    }

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
