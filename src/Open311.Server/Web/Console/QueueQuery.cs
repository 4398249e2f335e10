using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Open311;

// The queue's filter as it sits in the URL (so a view can be bookmarked and shared): service, group, status,
// detail (the extended status), age,
// agency, q, photo, sort, page, and for the map a bbox. Parsed without a host; a value that makes no sense is
// reported by its parameter's name and left out, and the rest still filters.
sealed record QueueQuery
{
    public const int PerPage = 25;

    // The age choices: requested within the last N days (lt), or before them (gt).
    public static readonly string[] Ages = ["lt1", "lt7", "lt30", "gt7", "gt30", "gt90"];
    public static readonly string[] Sorts = ["newest", "oldest", "updated"];

    public IReadOnlyList<string> Services { get; init; } = [];
    public string? Group { get; init; }
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Details { get; init; } = [];
    public string? Age { get; init; }
    public string? Agency { get; init; }
    public string? Text { get; init; }
    public string? Photo { get; init; }
    public string Sort { get; init; } = "newest";
    public int Page { get; init; } = 1;
    public GeoBox? Box { get; init; }
    public List<string> Problems { get; init; } = [];

    public static QueueQuery Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var q = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var problems = new List<string>();
        string? One(string name) => q.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } s ? s : null;
        List<string> Many(string name) => q.TryGetValue(name, out var v)
            ? v.SelectMany(x => (x ?? "").Split(',')).Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToList() : [];

        var statuses = Many("status");
        if (statuses.Any(s => !StaffStatuses.All.Contains(s))) { problems.Add("status"); statuses = statuses.Where(StaffStatuses.All.Contains).ToList(); }
        var details = Many("detail");
        if (details.Any(d => !StatusDetails.IsKnown(d))) { problems.Add("detail"); details = details.Where(StatusDetails.IsKnown).ToList(); }
        var age = One("age");
        if (age is not null && !Ages.Contains(age)) { problems.Add("age"); age = null; }
        var photo = One("photo");
        if (photo is not null and not ("yes" or "no")) { problems.Add("photo"); photo = null; }
        var sort = One("sort") ?? "newest";
        if (!Sorts.Contains(sort)) { problems.Add("sort"); sort = "newest"; }
        var page = 1;
        if (One("page") is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > 100_000))
        {
            problems.Add("page");
            page = 1;
        }
        GeoBox? box = null;
        if (One("bbox") is { } b)
        {
            var bad = false;
            box = Coordinates.Box(b, (_, _) => bad = true);
            if (bad) problems.Add("bbox");
        }
        var text = One("q");
        var agency = One("agency");
        return new QueueQuery
        {
            Services = Many("service"), Group = One("group"), Statuses = statuses, Details = details, Age = age, Agency = agency is { Length: > 200 } ? agency[..200] : agency,
            Text = text is { Length: > 200 } ? text[..200] : text, Photo = photo, Sort = sort, Page = page, Box = box, Problems = problems,
        };
    }

    // The staff queue's filter: services and the group's services resolved through the catalog (an unknown code is a
    // problem; a group with no service matches nothing), the age as a window before now.
    public QueueFilter ToFilter(CatalogSnapshot catalog, long now, int perPage = PerPage)
    {
        List<long>? ids = null;
        if (Services.Count > 0)
        {
            ids = [];
            foreach (var code in Services)
                if (catalog.Find(code) is { } s) ids.Add(s.Service.Id);
                else if (!Problems.Contains("service")) Problems.Add("service");
        }
        if (Group is not null)
        {
            var inGroup = catalog.Services.Where(s => s.Service.GroupName == Group).Select(s => s.Service.Id).ToList();
            ids = ids is null ? inGroup : ids.Intersect(inGroup).ToList();
        }
        const long day = 86_400_000;
        var (from, to) = Age switch
        {
            "lt1" => (now - day, (long?)null),
            "lt7" => (now - 7 * day, null),
            "lt30" => (now - 30 * day, null),
            "gt7" => ((long?)null, now - 7 * day),
            "gt30" => (null, now - 30 * day),
            "gt90" => (null, now - 90 * day),
            _ => ((long?)null, (long?)null),
        };
        return new QueueFilter
        {
            ServiceIds = ids is null ? null : ids.Count > 0 ? ids : [-1], // -1: no service, so no row
            Statuses = Statuses.Count > 0 ? Statuses : null, StatusDetails = Details.Count > 0 ? Details : null, RequestedFrom = from, RequestedTo = to, Agency = Agency, Text = Text,
            HasPhoto = Photo switch { "yes" => true, "no" => false, _ => null }, Box = Box,
            Sort = Sort switch { "oldest" => QueueSort.Oldest, "updated" => QueueSort.Updated, _ => QueueSort.Newest },
            Page = Page, PerPage = perPage,
        };
    }

    // This filter in the URL's words, with another page (or none, for the first): the links of the pager, the CSV
    // and the map keep the view.
    public string QueryString(int? page = null, bool withBox = false)
    {
        var parts = new List<(string, string)>();
        foreach (var s in Services) parts.Add(("service", s));
        if (Group is not null) parts.Add(("group", Group));
        foreach (var s in Statuses) parts.Add(("status", s));
        foreach (var d in Details) parts.Add(("detail", d));
        if (Age is not null) parts.Add(("age", Age));
        if (Agency is not null) parts.Add(("agency", Agency));
        if (Text is not null) parts.Add(("q", Text));
        if (Photo is not null) parts.Add(("photo", Photo));
        if (Sort != "newest") parts.Add(("sort", Sort));
        if (page is > 1) parts.Add(("page", page.Value.ToString(CultureInfo.InvariantCulture)));
        if (withBox && Box is { } b) parts.Add(("bbox", FormattableString.Invariant($"{b.West},{b.South},{b.East},{b.North}")));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }
}
