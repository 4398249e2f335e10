using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Open311;

// CONTRACT §10: "is this already reported?" before a client sends a request: the open requests of a service
// within Open311:Nearby:Metres of a point and the last 30 days, nearest first, at most 10.
static class NearbyApi
{
    public const int Most = 10;
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static void MapNearby(this IEndpointRouteBuilder v2) =>
        // Before /requests/{service_request_id}.{format}, which the path matches too (request ids are YY-NNNNNNNN).
        v2.MapGet("/requests/nearby.{format}", Nearby).WithName("NearbyRequests").Produces<List<RequestWire>>().WithMetadata(new OffersGeoJson()).WithOrder(-1)
            .WithSummary("Open requests of a service near a point: is this already reported?")
            .WithDescription("service_code, lat and long are required. Open requests of that service within Open311:Nearby:Metres " +
                "(default 50) of the point, requested in the last 30 days, nearest first, at most 10; the same shape as a search. " +
                "extensions=true adds distance in metres. format json, xml or geojson.");

    public static async Task<IResult> Nearby(string format, [AsParameters] NearbyParameters p, HttpContext http, RequestQueries requests,
        CatalogCache catalog, RequestViews views, TimeProvider time, IOptions<NearbyOptions> options, CancellationToken ct)
    {
        var wire = format.AsWire();
        var errors = new List<Open311Error>();
        void Bad(string parameter, string problem) => errors.Add(Open311Error.BadRequest(parameter, problem));
        if (string.IsNullOrEmpty(p.ServiceCode)) Bad("service_code", "is required: the service the new request would be for");
        var (lat, lon) = Coordinates.Point(p.Lat, p.Long, Bad);
        if (string.IsNullOrEmpty(p.Lat) && string.IsNullOrEmpty(p.Long)) Bad("lat", "and long are required: the point of the new request");
        var extensions = Flags.Parse("extensions", p.Extensions, Bad);
        if (errors.Count > 0 || lat is null || lon is null) return Wire.Errors(wire, errors);
        if (await catalog.ServiceAsync(p.ServiceCode!, ct) is not { } service)
            return Wire.Error(wire, Open311Error.NotFound("service_code", $"'{Lists.Clip(p.ServiceCode!)}' was not found"));

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var filter = new RequestFilter
        {
            ServiceCodes = [service.Service.ServiceCode],
            Statuses = ["open"],
            RequestedFrom = now - (long)Window.TotalMilliseconds,
            RequestedTo = now,
            Near = new GeoCircle(lat.Value, lon.Value, options.Value.Metres),
            Order = SearchOrder.Distance,
            PerPage = Most,
            Extensions = extensions,
            WithCoordinates = wire == WireFormat.GeoJson,
        };
        var rows = await requests.SearchAsync(filter, [service.Service.Id], lookAhead: 0, ct);
        return RequestsApi.Answer(wire, await views.ToWireAsync(rows, extensions, http.Request, ct, filter.Near));
    }
}

#nullable disable // the Request Delegate Generator writes typeof(string?) for a nullable record's constructor (CS8639)
sealed record NearbyParameters(
    [property: FromQuery(Name = "service_code")] string ServiceCode = null,
    [property: FromQuery(Name = "lat")] string Lat = null,
    [property: FromQuery(Name = "long")] string Long = null,
    [property: FromQuery(Name = "extensions")] string Extensions = null);
#nullable restore
