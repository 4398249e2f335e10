namespace Open311;

// /api/v1/requests/{id}: a request's whole record, its lifecycle fields, and its history.
static class StaffRequestsApi
{
    public static void MapStaffRequests(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/requests", ListRequests).WithName("StaffListRequests")
            .WithSummary("Requests by extended status: status_detail=a,b with the public search's filters and paging")
            .WithDescription("The public GET /requests parameters (service_code, status, dates, q, per_page, page, order, places) plus " +
                "status_detail, a comma list of the extended statuses (CONTRACT §11). Answers the public shape with its extension fields.")
            .Produces<List<RequestWire>>().ProducesValidationProblem();
        staff.MapGet("/requests/{id}", GetRequest).WithName("StaffGetRequest")
            .WithSummary("A request with everything: personal fields, private notes and photos")
            .WithDescription("The ETag header is the request's version; send it back as If-Match with a change.")
            .Produces<StaffRequest>().ProducesProblem(404);
        staff.MapPatch("/requests/{id}", PatchRequest).WithName("StaffPatchRequest")
            .WithSummary("Change status, status_detail, duplicate_of, external_status_code, status_notes, agency_responsible, service_notice or expected_datetime")
            .WithDescription("status follows from status_detail (CONTRACT §11); status alone keeps its kind's detail. duplicate_of goes with status_detail duplicate and must name a request (404). " +
                "Closing adds a public 'closed' note, reopening an 'activity' note. If-Match: 412 when the request changed since.")
            .Accepts<PatchBody>("application/json")
            .Produces<StaffRequest>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        staff.MapGet("/requests/{id}/history", GetHistory).WithName("StaffRequestHistory")
            .WithSummary("Every audit entry of a request: what, when, and the name of the key that did it")
            .Produces<List<HistoryEntry>>().ProducesProblem(404);
    }

    public static async Task<IResult> ListRequests([AsParameters] SearchParameters parameters, string? status_detail, HttpContext http,
        RequestQueries requests, RequestViews views, CatalogCache catalog, TimeProvider time, DateCodec dates, CancellationToken ct)
    {
        var (filter, errors) = RequestSearch.Parse(parameters, time.GetUtcNow().ToUnixTimeMilliseconds(), dates);
        var problems = errors.Select(e => (e.Description.Split(' ')[0], e.Description)).ToList();
        var details = Lists.Split(status_detail);
        foreach (var detail in details ?? [])
            if (!StatusDetails.IsKnown(detail)) problems.Add(("status_detail", $"'{Lists.Clip(detail)}' is not one of {string.Join(", ", StatusDetails.All)}"));
        if (filter is null || problems.Count > 0) return Problems.Invalid(problems);
        if (filter.Ids is null) filter = filter with { StatusDetails = details };

        IReadOnlyCollection<long>? serviceIds = null;
        if (filter.ServiceCodes is { } codes)
        {
            var ids = new List<long>();
            foreach (var code in codes)
                if (await catalog.ServiceAsync(code, ct) is { } service) ids.Add(service.Service.Id);
            serviceIds = ids;
        }
        var rows = await requests.SearchAsync(filter, serviceIds, lookAhead: 0, ct);
        return Results.Ok(await views.ToWireAsync(rows, extensions: true, http.Request, ct, filter.Near));
    }

    public static async Task<IResult> GetRequest(string id, HttpContext http, StaffRequestReads reads, CancellationToken ct)
    {
        if (await reads.FindAsync(id, http.Request, ct) is not { } request) return Problems.NotFound($"Request {id}");
        http.Response.Headers.ETag = IfMatch.ETag(request.Version);
        return Results.Ok(request);
    }

    public static async Task<IResult> PatchRequest(string id, HttpContext http, Casework casework, StaffRequestReads reads,
        DateCodec dates, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<PatchBody>(http.Request, ct);
        if (body is null) return problem!;
        var (patch, problems) = body.Check(dates);
        if (patch is null) return Problems.Invalid(problems);

        var result = await casework.ChangeAsync(id, IfMatch.From(http.Request), http.Caller().Actor, patch, ct);
        if (StaffChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Ok(await reads.FindAsync(id, http.Request, ct));
    }

    public static async Task<IResult> GetHistory(string id, StaffRequestReads reads, CancellationToken ct) =>
        await reads.HistoryAsync(id, ct) is { } history ? Results.Ok(history) : Problems.NotFound($"Request {id}");
}
