namespace Open311;

static class ServicesApi
{
    public static void MapServices(this IEndpointRouteBuilder v2)
    {
        v2.MapGet("/services.{format}", ListServices).WithName("ListServices").Produces<List<ServiceWire>>()
            .WithSummary("Service list").WithDescription("Every service that can be requested, with its group and keywords. " +
                "With lat and long: only the services offered at that point (inside the jurisdiction and the service's own area).");
        v2.MapGet("/services/{service_code}.{format}", GetServiceDefinition).WithName("GetServiceDefinition").Produces<ServiceDefinitionWire>()
            .WithSummary("Service definition")
            .WithDescription("The attributes a request for this service takes. Austin addendum: extensions=true adds extended_attributes {active, notice, updated_at}.");
    }

    // Both are kept as bytes until the catalog changes (CatalogCache), with ETags for conditional GETs; the
    // services at a point are picked from the kept catalog on each call.
    public static async Task<IResult> ListServices(string format, string? lat, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "long")] string? @long,
        CatalogCache cache, Boundary boundary, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(lat) && string.IsNullOrEmpty(@long))
            return await cache.GetAsync(http, $"services.{format}", catalog => Wire.List(format.AsWire(), "services",
                catalog.Services.Select(ToListWire).ToList()), ct);
        // CONTRACT §10: only the services offered at that point.
        var errors = new List<Open311Error>();
        var (la, lo) = Coordinates.Point(lat, @long, (p, m) => errors.Add(Open311Error.BadRequest(p, m)));
        if (la is not { } y || lo is not { } x) return Wire.Errors(format.AsWire(), errors);
        var catalog = await cache.SnapshotAsync(ct);
        var offered = boundary.Contains(y, x) ? catalog.Services.Where(s => s.OffersAt(y, x)).Select(ToListWire).ToList() : [];
        return Wire.List(format.AsWire(), "services", offered);
    }

    static ServiceWire ToListWire(ServiceEntry e) =>
        new(e.Service.ServiceCode, e.Service.ServiceName, e.Service.Description, e.HasAttributes, e.Service.Type, e.Service.Keywords, e.Service.GroupName);

    public static Task<IResult> GetServiceDefinition(string format, string service_code, string? extensions,
        DateCodec dates, CatalogCache cache, HttpContext http, CancellationToken ct) =>
        cache.GetAsync(http, $"services/{service_code}.{format}?{extensions}", catalog =>
        {
            var wire = format.AsWire();
            if (!Flags.TryParse("extensions", extensions, out var extended, out var error)) return Wire.Error(wire, error!);
            if (catalog.Find(service_code) is not { } entry)
                return Wire.Error(wire, Open311Error.NotFound("service_code", $"'{Lists.Clip(service_code)}' was not found"));
            return Wire.Document(wire, "service_definition", ToWire(entry, extended, dates));
        }, ct);

    public static ServiceDefinitionWire ToWire(ServiceEntry entry, bool extended, DateCodec dates) => new(
        entry.Service.ServiceCode,
        entry.Attributes.Select(a => new AttributeWire(a.Variable, a.Code, a.Datatype, a.Required, a.DatatypeDescription,
            a.SortOrder, a.Description, a.Values)).ToList(),
        extended ? new ServiceExtensionWire(entry.Service.Active, entry.Service.Notice, dates.Format(entry.Service.UpdatedAt)) : null);
}
