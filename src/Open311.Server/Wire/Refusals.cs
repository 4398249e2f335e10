namespace Open311;

// Which API a path belongs to, and a refusal written in that API's language: the Open311 error list in
// the path's format on the public API, RFC 9457 problem details on the staff API (CONTRACT §2, §8).
static class Refusals
{
    public static bool IsStaffPath(PathString path) => path.StartsWithSegments("/api");

    // reference: problem details carry the call's request_id, as the framework's own error pages do.
    public static Task WriteAsync(HttpContext context, int status, string message, bool reference = false)
    {
        if (IsStaffPath(context.Request.Path))
            return Results.Problem(statusCode: status, detail: message,
                    extensions: reference ? new Dictionary<string, object?> { ["request_id"] = context.TraceIdentifier } : null)
                .ExecuteAsync(context);
        return Wire.WriteAsync(context, WireFormats.FromPath(context.Request.Path), "errors",
            new List<Open311Error> { new(status, message) }, status);
    }

    // A 400 naming each parameter at fault: one error per field, or problem details' errors by field.
    public static Task WriteInvalidAsync(HttpContext context, IReadOnlyList<(string Field, string Problem)> problems)
    {
        if (IsStaffPath(context.Request.Path))
            return Results.ValidationProblem(problems.GroupBy(p => p.Field)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray())).ExecuteAsync(context);
        return Wire.WriteAsync(context, WireFormats.FromPath(context.Request.Path), "errors",
            problems.Select(p => Open311Error.BadRequest(p.Field, p.Problem)).ToList(), 400);
    }
}
