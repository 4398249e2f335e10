namespace Open311;

// /api/v1/services: the catalog with its attribute definitions. Saves go through CatalogStore, which
// moves updated_at and the discovery changeset and audits them.
static class StaffServicesApi
{
    public static void MapStaffServices(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/services", ListServices).WithName("StaffListServices")
            .WithSummary("Every service, active or not, with its attributes").Produces<List<CatalogService>>();
        staff.MapPost("/services", CreateService).WithName("StaffCreateService")
            .WithSummary("Create a service; 409 when its code exists")
            .Accepts<CatalogService>("application/json").Produces<CatalogService>(201).ProducesValidationProblem().ProducesProblem(409);
        staff.MapGet("/services/{code}", GetService).WithName("StaffGetService")
            .WithSummary("One service with its attributes").Produces<CatalogService>().ProducesProblem(404);
        staff.MapPut("/services/{code}", PutService).WithName("StaffPutService")
            .WithSummary("Create or replace a service and its attributes")
            .Accepts<CatalogService>("application/json").Produces<CatalogService>().Produces<CatalogService>(201).ProducesValidationProblem();
        staff.MapDelete("/services/{code}", DeleteService).WithName("StaffDeleteService")
            .WithSummary("Delete a service; one that has requests is kept and deactivated instead")
            .Produces<ServiceRemoval>().ProducesProblem(404);
    }

    public static async Task<IResult> ListServices(CatalogReader catalog, DateCodec dates, CancellationToken ct) =>
        Results.Ok(CatalogService.AllOf(await catalog.ReadAsync(ct), dates));

    public static async Task<IResult> GetService(string code, CatalogReader catalog, DateCodec dates, CancellationToken ct) =>
        await FindAsync(catalog, code, dates, ct) is { } service ? Results.Ok(service) : Problems.NotFound($"Service {code}");

    static async Task<CatalogService?> FindAsync(CatalogReader catalog, string code, DateCodec dates, CancellationToken ct) =>
        (await catalog.ReadAsync(ct)).Find(code) is { } entry ? CatalogService.From(entry, dates) : null;

    public static async Task<IResult> CreateService(HttpContext http, CatalogReader catalog, CatalogStore store, DateCodec dates, CancellationToken ct)
    {
        var (service, problem) = await ReadAsync(http, store, pathCode: null, ct);
        if (service is null) return problem!;
        if (!await store.CreateAsync(service, http.Caller().Actor, ct))
            return Problems.Status(409, $"Service {service.ServiceCode} exists; PUT /api/v1/services/{service.ServiceCode} replaces it");
        return Results.Created($"/api/v1/services/{service.ServiceCode}", await FindAsync(catalog, service.ServiceCode, dates, ct));
    }

    public static async Task<IResult> PutService(string code, HttpContext http, CatalogReader catalog, CatalogStore store, DateCodec dates,
        CancellationToken ct)
    {
        var (service, problem) = await ReadAsync(http, store, code, ct);
        if (service is null) return problem!;
        var change = await store.SaveAsync(service, http.Caller().Actor, ct);
        var saved = await FindAsync(catalog, code, dates, ct);
        return change == CatalogChange.Created ? Results.Created($"/api/v1/services/{code}", saved) : Results.Ok(saved);
    }

    public static async Task<IResult> DeleteService(string code, HttpContext http, CatalogStore store, CancellationToken ct) =>
        await store.DeleteAsync(code, http.Caller().Actor, ct) switch
        {
            CatalogChange.NotFound => Problems.NotFound($"Service {code}"),
            CatalogChange.Deactivated => Results.Ok(new ServiceRemoval(code, "deactivated",
                "The service has requests, so it was kept and switched off: it takes no new requests, and its requests still read correctly.")),
            _ => Results.Ok(new ServiceRemoval(code, "deleted", "The service had no requests and was deleted.")),
        };

    // The body as a CatalogService, checked by CatalogRules (and its default team by the teams there are); on PUT the code comes from the path.
    static async Task<(CatalogService? Service, IResult? Problem)> ReadAsync(HttpContext http, CatalogStore store, string? pathCode, CancellationToken ct)
    {
        var (service, problem) = await StaffJson.ReadAsync<CatalogService>(http.Request, ct);
        if (service is null) return (null, problem);
        if (pathCode is not null)
        {
            if (service.ServiceCode is not null && service.ServiceCode != pathCode)
                return (null, Problems.Invalid("service_code", $"must be {pathCode}, as in the path, or left out"));
            service = service with { ServiceCode = pathCode };
        }
        service = service with { UpdatedAt = null };
        var problems = CatalogRules.Check(service);
        if (problems.Count == 0 && (await store.UnknownTeamsAsync([service], ct)).Count > 0)
            problems.Add(("default_team", $"is not a team: GET /api/v1/teams lists them"));
        return problems.Count > 0 ? (null, Problems.Invalid(problems)) : (service, null);
    }
}

sealed record ServiceRemoval(string ServiceCode, string Outcome, string Detail);
