using Dapper;

namespace Open311;

// /api/v1/requests/{id}: a request's whole record, its lifecycle fields, and its history.
static class StaffRequestsApi
{
    public static void MapStaffRequests(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/requests/{id}", GetRequest).WithName("StaffGetRequest")
            .WithSummary("A request with everything: personal fields, private notes and photos")
            .WithDescription("The ETag header is the request's version; send it back as If-Match with a change.")
            .Produces<StaffRequest>().ProducesProblem(404);
        staff.MapPatch("/requests/{id}", PatchRequest).WithName("StaffPatchRequest")
            .WithSummary("Change status, status_notes, agency_responsible, service_notice or expected_datetime")
            .WithDescription("Closing adds a public 'closed' note, reopening an 'activity' note. If-Match: 412 when the request changed since.")
            .Accepts<PatchBody>("application/json")
            .Produces<StaffRequest>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
        staff.MapGet("/requests/{id}/history", GetHistory).WithName("StaffRequestHistory")
            .WithSummary("Every audit entry of a request: what, when, and the name of the key that did it")
            .Produces<List<HistoryEntry>>().ProducesProblem(404);
    }

    public static async Task<IResult> GetRequest(string id, HttpContext http, StaffRequestReads reads, CancellationToken ct)
    {
        if (await reads.FindAsync(id, http.Request, ct) is not { } request) return Problems.NotFound($"Request {id}");
        http.Response.Headers.ETag = IfMatch.ETag(request.Version);
        return Results.Ok(request);
    }

    public static async Task<IResult> PatchRequest(string id, HttpContext http, RequestChanges changes, StaffRequestReads reads,
        DateCodec dates, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<PatchBody>(http.Request, ct);
        if (body is null) return problem!;
        var (patch, problems) = body.Check(dates);
        if (patch is null) return Problems.Invalid(problems);

        var result = await changes.ApplyAsync(id, IfMatch.From(http.Request), http.Caller().Actor, change => ApplyPatchAsync(change, patch), ct);
        if (RequestChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Ok(await reads.FindAsync(id, http.Request, ct));
    }

    // The change itself, for PATCH and the console's request page alike.
    public static async Task<Step<bool>> ApplyPatchAsync(RequestChange change, RequestPatch patch)
    {
        // Column names come from RequestPatches' fixed table, never from the body.
        var set = string.Join(", ", patch.Columns.Keys.Select(column => $"{column} = @{column}"));
        var args = new DynamicParameters(patch.Columns);
        args.Add("id", change.Row.Id);
        await change.Connection.ExecuteAsync($"UPDATE requests SET {set} WHERE id = @id", args, change.Transaction);

        var reopened = patch.Status == "open" && change.Row.Status == "closed";
        var closed = patch.Status == "closed" && change.Row.Status == "open";
        // Chicago/Austin notes: the public history of a request shows when it was closed or reopened.
        if (closed) await change.AddNoteAsync("closed", "Request closed", patch.StatusNotes ?? change.Row.StatusNotes ?? "Request closed", isPublic: true);
        if (reopened) await change.AddNoteAsync("activity", "Request reopened", patch.StatusNotes ?? "Request reopened", isPublic: true);
        await change.AuditAsync("request", change.Row.ServiceRequestId, closed ? "closed" : reopened ? "reopened" : "updated",
            new { fields = patch.Columns.Keys.Select(c => c == "expected_at" ? "expected_datetime" : c).ToList(), status = patch.Status });
        return Step.Done(true);
    }

    public static async Task<IResult> GetHistory(string id, StaffRequestReads reads, CancellationToken ct) =>
        await reads.HistoryAsync(id, ct) is { } history ? Results.Ok(history) : Problems.NotFound($"Request {id}");
}
