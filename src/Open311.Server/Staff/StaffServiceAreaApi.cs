using System.Text.Json;

namespace Open311;

// /api/v1/services/{code}/area: a service's own area as GeoJSON (CONTRACT §10), set, read and cleared on its
// own, for a console that draws it. The service's other fields stay as they are; the save is CatalogStore's.
static class StaffServiceAreaApi
{
    public static void MapStaffServiceArea(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/services/{code}/area", GetArea).WithName("StaffGetServiceArea")
            .WithSummary("A service's own area, as GeoJSON; 404 when it has none").Produces(200, contentType: "application/geo+json").ProducesProblem(404);
        staff.MapPut("/services/{code}/area", PutArea).WithName("StaffPutServiceArea")
            .WithSummary("Limit a service to an area: a GeoJSON Polygon or MultiPolygon, or a Feature or FeatureCollection of them")
            .Accepts<JsonElement>("application/geo+json", "application/json").Produces<CatalogService>().ProducesValidationProblem().ProducesProblem(404);
        staff.MapDelete("/services/{code}/area", DeleteArea).WithName("StaffDeleteServiceArea")
            .WithSummary("Offer a service wherever the jurisdiction is again").Produces<CatalogService>().ProducesProblem(404);
    }

    public static async Task<IResult> GetArea(string code, CatalogReader catalog, CancellationToken ct) =>
        (await catalog.ReadAsync(ct)).Find(code) switch
        {
            null => Problems.NotFound($"Service {code}"),
            { Service.Area: null } => Problems.Status(404, $"Service {code} has no area of its own: it is offered wherever the jurisdiction is"),
            var entry => Results.Text(entry.Service.Area, "application/geo+json", System.Text.Encoding.UTF8),
        };

    public static async Task<IResult> PutArea(string code, HttpContext http, CatalogReader catalog, CatalogStore store, DateCodec dates,
        CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/geo+json or application/json");
        JsonElement area;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            area = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Problems.Invalid("area", "is not valid JSON");
        }
        if (GeoArea.Parse(area.GetRawText()).Problem is { } problem) return Problems.Invalid("area", problem);
        return await SaveAsync(code, area, http, catalog, store, dates, ct);
    }

    public static Task<IResult> DeleteArea(string code, HttpContext http, CatalogReader catalog, CatalogStore store, DateCodec dates,
        CancellationToken ct) => SaveAsync(code, null, http, catalog, store, dates, ct);

    static async Task<IResult> SaveAsync(string code, JsonElement? area, HttpContext http, CatalogReader catalog, CatalogStore store,
        DateCodec dates, CancellationToken ct)
    {
        if ((await catalog.ReadAsync(ct)).Find(code) is not { } entry) return Problems.NotFound($"Service {code}");
        await store.SaveAsync(CatalogService.From(entry, dates) with { Area = area, UpdatedAt = null }, http.Caller().Actor, ct);
        return Results.Ok(CatalogService.From((await catalog.ReadAsync(ct)).Find(code)!, dates));
    }
}
