using Microsoft.AspNetCore.Mvc;

namespace Open311;

enum SearchOrder { Requested, Updated, Distance }

// GET /requests parameters, bound as strings and parsed by RequestSearch.Parse so that every
// problem is reported in the Open311 error list (STYLE: framework binding failures would skip it).
#nullable disable // the Request Delegate Generator writes typeof(string?) for a nullable record's constructor (CS8639)
sealed record SearchParameters(
    [property: FromQuery(Name = "service_request_id")] string ServiceRequestId = null,
    [property: FromQuery(Name = "service_code")] string ServiceCode = null,
    [property: FromQuery(Name = "status")] string Status = null,
    [property: FromQuery(Name = "start_date")] string StartDate = null,
    [property: FromQuery(Name = "end_date")] string EndDate = null,
    [property: FromQuery(Name = "updated_after")] string UpdatedAfter = null,
    [property: FromQuery(Name = "updated_before")] string UpdatedBefore = null,
    [property: FromQuery(Name = "q")] string Q = null,
    [property: FromQuery(Name = "per_page")] string PerPage = null,
    [property: FromQuery(Name = "page_size")] string PageSize = null,
    [property: FromQuery(Name = "page")] string Page = null,
    [property: FromQuery(Name = "order")] string Order = null,
    [property: FromQuery(Name = "extensions")] string Extensions = null,
    [property: FromQuery(Name = "lat")] string Lat = null,
    [property: FromQuery(Name = "long")] string Long = null,
    [property: FromQuery(Name = "radius")] string Radius = null,
    [property: FromQuery(Name = "bbox")] string Bbox = null);
#nullable restore

sealed record RequestFilter
{
    public IReadOnlyList<string>? Ids { get; init; }
    public IReadOnlyList<string>? ServiceCodes { get; init; }
    public IReadOnlyList<string>? Statuses { get; init; }
    // The staff side's filter on the extended status (CONTRACT §11); the public API filters on status alone.
    public IReadOnlyList<string>? StatusDetails { get; init; }
    public long? RequestedFrom { get; init; }
    public long? RequestedTo { get; init; }
    public long? UpdatedFrom { get; init; }
    public long? UpdatedTo { get; init; }
    public string? Text { get; init; }
    public int PerPage { get; init; } = RequestSearch.DefaultPerPage;
    public int Page { get; init; } = 1;
    public SearchOrder Order { get; init; } = SearchOrder.Requested;
    public bool Extensions { get; init; }
    // CONTRACT §10: lat+long+radius, and bbox; both may be given (a request must then be in both).
    public GeoCircle? Near { get; init; }
    public GeoBox? Box { get; init; }
    // GeoJSON lists only requests with coordinates: filtered in the query, so its pages are full.
    public bool WithCoordinates { get; init; }

    // The box a request must lie in, when a place is asked for: the bbox, the circle's box, or both at once.
    // Null with a place means the two don't meet.
    public GeoBox? PlaceBox => (Near?.Box(), Box) switch
    {
        (null, var b) => b,
        (var c, null) => c,
        (var c, var b) => c.Intersect(b),
    };

    public bool HasPlace => Near is not null || Box is not null;

    public long Offset => (long)(Page - 1) * PerPage;

    // An incremental sync: order=updated_datetime with updated_after (the change log orders it).
    public bool IsSync => UpdatedFrom is not null && Order == SearchOrder.Updated;

    public bool IsBookmarked => IsSync && Statuses is null && StatusDetails is null && Text is null;
}

static class RequestSearch
{
    public const int DefaultPerPage = 50;
    public const int MaxPerPage = 100;
    // CONTRACT §11: FixMyStreet asks for every open report it sent in one call and reads one answer.
    public const int MaxIds = 1000;
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);
    static readonly long WindowMs = (long)Window.TotalMilliseconds;

    public static (RequestFilter? Filter, List<Open311Error> Errors) Parse(SearchParameters p, long now, DateCodec dates)
    {
        var errors = new List<Open311Error>();
        void Bad(string parameter, string problem) => errors.Add(Open311Error.BadRequest(parameter, problem));

        var ids = Lists.Split(p.ServiceRequestId);
        if (ids?.Count > MaxIds) Bad("service_request_id", $"may list at most {MaxIds} ids");

        var codes = Lists.Split(p.ServiceCode);
        var statuses = Lists.Split(p.Status);
        foreach (var status in statuses ?? [])
            if (status is not ("open" or "closed")) Bad("status", $"must be open or closed, not '{Lists.Clip(status)}'");

        var requested = Pair("start_date", p.StartDate, "end_date", p.EndDate, now, dates, Bad);
        var updated = Pair("updated_after", p.UpdatedAfter, "updated_before", p.UpdatedBefore, now, dates, Bad);

        string? text = null;
        if (!string.IsNullOrEmpty(p.Q))
        {
            if (p.Q.Length > 200) Bad("q", "must be at most 200 characters");
            else if (!p.Q.Any(char.IsLetterOrDigit)) Bad("q", "must contain at least one word");
            else text = p.Q;
        }

        var perPage = Number("per_page", p.PerPage, 1, int.MaxValue, Bad);
        var pageSize = Number("page_size", p.PageSize, 1, int.MaxValue, Bad);
        if (perPage is not null && pageSize is not null && perPage != pageSize)
            Bad("page_size", "is another name for per_page; send one of them");
        var page = Number("page", p.Page, 1, int.MaxValue, Bad) ?? 1;

        var near = Coordinates.Circle(p.Lat, p.Long, p.Radius, Bad);
        var box = Coordinates.Box(p.Bbox, Bad);
        var order = p.Order switch
        {
            null or "" or "requested_datetime" => SearchOrder.Requested,
            "updated_datetime" => SearchOrder.Updated,
            "distance" => SearchOrder.Distance,
            _ => Fail(SearchOrder.Requested, () => Bad("order", "must be requested_datetime, updated_datetime or distance")),
        };
        // CONTRACT §10: nearest first needs the point to measure from.
        if (order == SearchOrder.Distance && string.IsNullOrEmpty(p.Lat) && string.IsNullOrEmpty(p.Long))
            Bad("order", "distance needs lat, long and radius");
        var extensions = Flags.Parse("extensions", p.Extensions, Bad);

        if (errors.Count > 0) return (null, errors);

        // CONTRACT §5: no date at all and no ids means requested_datetime within the last 90 days.
        if (requested.From is null && updated.From is null)
            requested = (now - WindowMs, now);

        var filter = new RequestFilter
        {
            PerPage = Math.Min(perPage ?? pageSize ?? DefaultPerPage, MaxPerPage),
            Page = page,
            Order = order,
            Extensions = extensions,
        };
        // CONTRACT §5: service_request_id overrides every other filter.
        // The place too: without it there is no distance to order by.
        // CONTRACT §11: the list is answered whole, unpaged: per_page and page don't apply to it.
        if (ids is not null)
            return (filter with { Ids = ids, PerPage = ids.Count, Page = 1, Order = order == SearchOrder.Distance ? SearchOrder.Requested : order }, errors);
        return (filter with
        {
            ServiceCodes = codes,
            Statuses = statuses,
            RequestedFrom = requested.From,
            RequestedTo = requested.To,
            UpdatedFrom = updated.From,
            UpdatedTo = updated.To,
            Text = text,
            Near = near,
            Box = box,
        }, errors);
    }

    // A pair of date bounds spans at most 90 days; one bound alone takes the other 90 days away,
    // never past now.
    public static (long? From, long? To) Pair(string fromName, string? fromText, string toName, string? toText, long now,
        DateCodec dates, Action<string, string> bad, long? windowMs = null)
    {
        var window = windowMs ?? WindowMs;
        var from = Date(fromName, fromText, dates, bad, endOfDay: false);
        var to = Date(toName, toText, dates, bad, endOfDay: true);
        if (from is null && to is null) return (null, null);
        if (from is { } f && to is { } t)
        {
            if (f > t) bad(fromName, $"must not be later than {toName}");
            // The upper bound's own second (or minute) is not counted against the window.
            else if (t - f > window + 59_999) bad(toName, $"is more than {Span(window)} after {fromName}; a date window spans at most {Span(window)}");
            return (f, t);
        }
        if (from is { } start) return (start, Math.Min(start + window, Math.Max(now, start)));
        return (to!.Value - window, to.Value);
    }

    // An upper bound means the whole of what it names: a bare date its day, whole seconds their second.
    static long? Date(string name, string? text, DateCodec dates, Action<string, string> bad, bool endOfDay)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!dates.TryRead(text, out var ms))
        {
            bad(name, $"must be an ISO 8601 date or datetime such as 2026-01-31T00:00:00Z, not '{Lists.Clip(text)}'");
            return null;
        }
        return endOfDay ? DateCodec.UpperBound(text, ms) : ms;
    }

    static string Span(long ms) => ms % 86_400_000 == 0 && ms > 86_400_000 ? $"{ms / 86_400_000} days" : $"{ms / 3_600_000} hours";

    static int? Number(string name, string? text, int min, int max, Action<string, string> bad)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            bad(name, $"must be a whole number of at least {min}, not '{Lists.Clip(text)}'");
            return null;
        }
        return n;
    }

    static T Fail<T>(T value, Action report)
    {
        report();
        return value;
    }
}
