namespace Open311;

// How the staff API answers a change that Casework made or refused: 400 with the problems, 404, 412 with the
// current ETag; null when it was made, and then the new ETag is set.
static class StaffChanges
{
    public static IResult? Refusal<T>(ChangeResult<T> result, string serviceRequestId, HttpContext http) => result.Status switch
    {
        ChangeStatus.Invalid => Problems.Invalid(result.Problems!.Select(p => (p.Field, p.Problem))),
        ChangeStatus.NotFound => Problems.NotFound(result.Missing ?? $"Request {serviceRequestId}"),
        ChangeStatus.Stale => Problems.Status(StatusCodes.Status412PreconditionFailed,
            $"Request {serviceRequestId} changed since you read it; its ETag is now {IfMatch.ETag(result.Version)}. GET it again and retry."),
        _ => Done(http, result.Version),
    };

    static IResult? Done(HttpContext http, long version)
    {
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return null;
    }
}
