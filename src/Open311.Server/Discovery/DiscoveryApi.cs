using Microsoft.Extensions.Options;

namespace Open311;

static class DiscoveryApi
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    // Both paths: /open311/discovery.{format} and /open311/v2/discovery.{format} (CONTRACT §3).
    public static void MapDiscovery(this IEndpointRouteBuilder open311, IEndpointRouteBuilder v2)
    {
        open311.MapGet("/discovery.{format}", GetDiscovery).WithName("GetDiscovery").Produces<DiscoveryDocument>()
            .WithSummary("Service discovery").WithDescription("Where the GeoReport v2 endpoint is, its formats and its changeset.");
        v2.MapGet("/discovery.{format}", GetDiscovery).WithName("GetDiscoveryV2").Produces<DiscoveryDocument>()
            .WithSummary("Service discovery (v2 path)");
    }

    // Kept as bytes until the catalog changes (its changeset is in it), one per format and base URL.
    public static Task<IResult> GetDiscovery(string format, HttpRequest request, IOptions<Open311Options> options, PublicBase publicBase,
        DateCodec dates, CatalogCache cache, CancellationToken ct)
    {
        var o = options.Value;
        var baseUrl = publicBase.Of(request);
        return cache.GetAsync(request.HttpContext, $"discovery.{format} {baseUrl}", catalog =>
        {
            // Opaque and sortable (the spec's own examples are not W3C datetimes): the catalog's last change.
            var changeset = dates.Format(catalog.Changeset ?? 0);
            var endpoint = new DiscoveryEndpoint(Specification, $"{baseUrl}/open311/v2", changeset, "production", ["text/xml", "application/json"]);
            return Wire.Document(format.AsWire(), "discovery", new DiscoveryDocument(changeset, o.Contact, o.KeyService, [endpoint]));
        }, ct);
    }
}
