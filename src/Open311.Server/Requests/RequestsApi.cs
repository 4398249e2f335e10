using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Open311;

static partial class RequestsApi
{
    public static void MapRequests(this IEndpointRouteBuilder v2)
    {
        v2.MapGet("/requests.{format}", SearchRequests).WithName("SearchRequests").Produces<List<RequestWire>>().WithMetadata(new OffersGeoJson())
            .WithSummary("Search service requests")
            .WithDescription("GeoReport v2 filters plus the Austin addendum's q, updated_after/updated_before, per_page, page and order. " +
                "Date pairs span at most 90 days; with no date and no ids, the last 90 days of requested_datetime. " +
                "Places: lat+long+radius (metres, at most 10000) and bbox=west,south,east,north (at most 1 degree a side); " +
                "order=distance (nearest first, with lat/long); extensions=true adds distance in metres. " +
                "format json, xml or geojson (an RFC 7946 FeatureCollection of the requests with coordinates).");
        v2.MapNearby();
        v2.MapGet("/requests/{service_request_id}.{format}", GetRequest).WithName("GetRequest").Produces<List<RequestWire>>().WithMetadata(new OffersGeoJson())
            .WithSummary("One service request, as a one-element list (geojson: a FeatureCollection)");
        v2.MapPost("/requests.{format}", CreateRequest).WithName("CreateRequest").Produces<List<CreatedRequestWire>>()
            .WithSummary("Create a service request")
            .WithDescription("Form fields (or query parameters; the body wins). Needs an api_key. attribute[CODE]=value; " +
                "a multivaluelist as attribute[CODE][]=v or the key repeated. multipart/form-data may carry photos as media (or photo1..photoN); " +
                "media_url may repeat. Idempotency-Key (with a key): the same key and body answer the first answer again (Idempotent-Replayed: true), " +
                "another body is 409; kept 24 hours.")
            .Accepts<CreateRequestForm>("application/x-www-form-urlencoded", "multipart/form-data")
            .AddEndpointFilter<IdempotencyFilter>()
            .DisableAntiforgery();
    }

    public static async Task<IResult> SearchRequests(string format, [AsParameters] SearchParameters parameters, HttpContext http,
        RequestQueries requests, CatalogCache catalog, RequestViews views, TimeProvider time, DateCodec dates, PublicBase publicBase,
        CancellationToken ct)
    {
        var wire = format.AsWire();
        var (filter, errors) = RequestSearch.Parse(parameters, time.GetUtcNow().ToUnixTimeMilliseconds(), dates);
        if (filter is null) return Wire.Errors(wire, errors);
        if (wire == WireFormat.GeoJson) filter = filter with { WithCoordinates = true };

        IReadOnlyCollection<long>? serviceIds = null;
        if (filter.ServiceCodes is { } codes)
        {
            // The catalog is kept in memory: codes resolve without a query of their own.
            var ids = new List<long>();
            var unknown = new List<Open311Error>();
            foreach (var code in codes)
                if (await catalog.ServiceAsync(code, ct) is { } service) ids.Add(service.Service.Id);
                else unknown.Add(Open311Error.NotFound("service_code", $"'{Lists.Clip(code)}' was not found"));
            if (unknown.Count > 0) return Wire.Errors(wire, unknown);
            serviceIds = ids;
        }

        var rows = await requests.SearchAsync(filter, serviceIds, lookAhead: 1, ct);
        if (rows.Count > filter.PerPage)
        {
            // Austin addendum paging: tell clients where the next page is when there is one.
            http.Response.Headers.Link = $"<{NextPage(http.Request, publicBase, filter.Page + 1)}>; rel=\"next\"";
            rows = rows.Take(filter.PerPage).ToList();
        }
        return Answer(wire, await views.ToWireAsync(rows, filter.Extensions, http.Request, ct, filter.Near));
    }

    // A list of requests in the asked format: the spec's list, or GeoJSON.
    public static WireResult Answer(WireFormat wire, List<RequestWire> requests) => wire == WireFormat.GeoJson
        ? Wire.Document(wire, "", RequestFeatures.Of(requests))
        : Wire.List(wire, "service_requests", requests);

    // The same query in the client's order with the next page; the key is left out (never into a header, which
    // proxies log: the caller sends its key again).
    static string NextPage(HttpRequest request, PublicBase publicBase, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not ("api_key" or "page"))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create("page", (string?)page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{publicBase.Of(request)}{request.Path}", query);
    }

    public static async Task<IResult> GetRequest(string format, string service_request_id, string? extensions, HttpContext http,
        RequestQueries requests, RequestViews views, CancellationToken ct)
    {
        var wire = format.AsWire();
        if (!Flags.TryParse("extensions", extensions, out var extended, out var error)) return Wire.Error(wire, error!);
        if (await requests.FindAsync(service_request_id, ct) is not { } row)
            return Wire.Error(wire, Open311Error.NotFound("service_request_id", $"'{Lists.Clip(service_request_id)}' was not found"));
        return Answer(wire, await views.ToWireAsync([row], extended, http.Request, ct));
    }

    public static async Task<IResult> CreateRequest(string format, HttpContext http, CatalogCache catalog, RequestIntake intake,
        IOptions<Open311Options> options, CancellationToken ct)
    {
        var wire = format.AsWire();
        var read = await FormBody.ReadAsync(http);
        if (read.Form is null) return Wire.Errors(wire, read.Errors());

        var caller = http.Caller();
        if (caller.Key is null && options.Value.RequireKeyToCreate)
            return Wire.Error(wire, Open311Error.Forbidden("api_key is required to create a request"));
        var fields = new SubmittedFields(read.Form, http.Request.Query);
        if (fields.Repeated().Select(name => Open311Error.BadRequest(Lists.Clip(name), "was sent more than once; send it once")).ToList() is { Count: > 0 } repeated)
            return Wire.Errors(wire, repeated);

        var code = fields["service_code"];
        if (code is null) return Wire.Error(wire, Open311Error.BadRequest("service_code", "is required"));
        if (await catalog.ServiceAsync(code, ct) is not { } service)
            return Wire.Error(wire, Open311Error.NotFound("service_code", $"'{Lists.Clip(code)}' was not found"));

        var (created, errors) = await intake.CreateAsync(fields, PhotoParts(read.Form.Files), service, caller, channel: null, ct);
        if (created is null) return Wire.Errors(wire, errors.Select(e => e.ToError()).ToList());
        return Wire.List(wire, "service_requests",
            new List<CreatedRequestWire> { new(created.ServiceRequestId, created.Token, service.Service.Notice, created.AccountId) });
    }
}

static partial class RequestsApi
{
    // CONTRACT §11: photos come as multipart `media`, or as FixMyStreet's photo1..photoN parts.
    static IReadOnlyList<IFormFile> PhotoParts(IFormFileCollection files) =>
        files.Where(f => f.Name == "media" || PhotoPart().IsMatch(f.Name)).ToList();

    [System.Text.RegularExpressions.GeneratedRegex("^photo[0-9]{1,3}$")]
    private static partial System.Text.RegularExpressions.Regex PhotoPart();
}

// The documented form of POST /requests; the handler reads the form itself, attribute[CODE] included.
sealed record CreateRequestForm(
    string service_code,
    string? api_key,
    string? jurisdiction_id,
    double? lat,
    double? @long,
    string? address_string,
    string? address_id,
    string? email,
    string? device_id,
    string? account_id,
    string? first_name,
    string? last_name,
    string? phone,
    string? description,
    string? media_url,
    string? channel,
    // multipart/form-data only: one or more photos (JPEG, PNG, WebP or GIF), stored without their metadata
    IFormFileCollection? media);
