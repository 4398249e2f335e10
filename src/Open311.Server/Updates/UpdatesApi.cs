namespace Open311;

// mySociety's servicerequestupdates extension (CONTRACT §11), as FixMyStreet calls it: GET every public change in a
// window, POST a resident's comment.
static class UpdatesApi
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static IServiceCollection AddUpdates(this IServiceCollection services) =>
        services.AddSingleton<UpdateFeed>().AddSingleton<ClientUpdates>().AddSingleton<IdempotencyStore>();

    public static void MapUpdates(this IEndpointRouteBuilder v2)
    {
        v2.MapGet("/servicerequestupdates.{format}", GetUpdates).WithName("GetServiceRequestUpdates")
            .WithSummary("Every change of a request in a window, unpaged (mySociety's extension)")
            .WithDescription("Needs a key (client role or more). start_date and end_date span at most 24 hours; with neither, the last hour; " +
                "with one, the other is 24 hours away (never past now). One update per change, the same changes as the updated_after sync: " +
                "update_id, service_request_id, status (upper-case: OPEN, IN_PROGRESS, FIXED, ...), updated_datetime, description (the change's " +
                "public notes), media_url (its public photo), external_status_code.")
            .Produces<List<RequestUpdateWire>>();
        v2.MapPost("/servicerequestupdates.{format}", ClientUpdates.PostAsync).WithName("PostServiceRequestUpdate").Produces<List<PostedUpdateWire>>()
            .WithSummary("A resident's comment on a request, sent on by a client such as FixMyStreet")
            .WithDescription("Form: api_key, service_request_id, update_id (the client's; sent again it answers the same id and stores nothing), " +
                "updated_datetime, status (OPEN, CLOSED or an extended status), description, media_url, first_name, last_name, email, phone " +
                "(stored privately). Answers [{update_id}]. A status change is accepted as Open311:ClientUpdates allows.")
            .Accepts<PostUpdateForm>("application/x-www-form-urlencoded", "multipart/form-data")
            .AddEndpointFilter<IdempotencyFilter>()
            .DisableAntiforgery();
    }

    public static async Task<IResult> GetUpdates(string format, string? start_date, string? end_date, HttpContext http, UpdateFeed feed,
        TimeProvider time, DateCodec dates, CancellationToken ct)
    {
        var wire = format.AsWire();
        if (http.Caller().Key is null) return Wire.Error(wire, Open311Error.Forbidden("api_key is required for servicerequestupdates"));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var errors = new List<Open311Error>();
        var (from, to) = RequestSearch.Pair("start_date", start_date, "end_date", end_date, now, dates,
            (p, problem) => errors.Add(Open311Error.BadRequest(p, problem)), (long)Window.TotalMilliseconds);
        if (errors.Count > 0) return Wire.Errors(wire, errors);
        var window = from is null ? (now - (long)TimeSpan.FromHours(1).TotalMilliseconds, now) : (from.Value, to!.Value);
        return Wire.List(wire, "service_request_updates", await feed.ReadAsync(window.Item1, window.Item2, http.Request, ct));
    }
}

// The documented form of POST servicerequestupdates; the handler reads the form itself.
sealed record PostUpdateForm(
    string service_request_id,
    string update_id,
    string? api_key,
    string? jurisdiction_id,
    string? updated_datetime,
    string? status,
    string? description,
    string? media_url,
    string? first_name,
    string? last_name,
    string? email,
    string? phone);
