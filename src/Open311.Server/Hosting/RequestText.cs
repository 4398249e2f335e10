using Microsoft.AspNetCore.Http.Features;

namespace Open311;

// The path and the query string of every call, on every API, are read by one rule before any handler sees
// them: each parameter decodes to UTF-8 (Utf8Text) and carries only text XML can carry (TextRules). So
// `?service_code=%00` or `/requests/a%01b.xml` is a 400 naming the parameter, in the caller's format,
// and never reaches a query (PostgreSQL can't take NUL) or an echo in an XML error.
// On the two APIs' GETs a parameter sent twice is 400 too: every GET parameter takes one value (lists are comma lists,
// CONTRACT §5), and the framework would join `service_code=A&service_code=B` into "A,B" silently. (A POST's fields
// are checked by Submission.Repeated, which knows the ones that may repeat; api_key twice is KeyResolution's.)
sealed class RequestText(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var problems = Problems(context).ToList();
        if (problems.Count == 0) return next(context);
        // A browser on a web page gets the web's HTML error page (written by its status-code page), not the API's XML.
        if (WebPaths.WantsPage(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        return Refusals.WriteInvalidAsync(context, problems);
    }

    // The request target as the client sent it; rebuilt from the decoded parts where a host doesn't keep it.
    public static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw
            : context.Request.PathBase.ToUriComponent() + context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();

    static IEnumerable<(string Field, string Problem)> Problems(HttpContext context)
    {
        var request = context.Request;
        var target = RawTarget(context);
        var question = target.IndexOf('?');
        var rawPath = question < 0 ? target : target[..question];
        if (!Utf8Text.IsValidPath(rawPath))
        {
            yield return ("path", "is not valid UTF-8");
            yield break;
        }
        var routed = false;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is not string text) continue;
            routed = true;
            if (TextRules.Problem(text) is { } problem) yield return (name, problem);
        }
        if (!routed && TextRules.Problem(request.Path.Value ?? "") is { } inPath) yield return ("path", inPath);

        var raw = request.QueryString.Value;
        if (string.IsNullOrEmpty(raw)) yield break;
        var invalid = Utf8Text.InvalidQueryParameters(raw);
        foreach (var name in invalid) yield return (name, "is not valid UTF-8");
        var oneValueEach = HttpMethods.IsGet(request.Method)
            && (request.Path.StartsWithSegments("/open311") || Refusals.IsStaffPath(request.Path));
        foreach (var (name, values) in request.Query)
        {
            if (invalid.Contains(name)) continue;
            if (TextRules.Problem(name) is { } badName) yield return ("a query parameter name", badName);
            else if (values.Select(v => TextRules.Problem(v)).FirstOrDefault(p => p is not null) is { } badValue) yield return (name, badValue);
            else if (oneValueEach && values.Count > 1 && name != "api_key") yield return (Lists.Clip(name), "was sent more than once; send it once");
        }
    }
}
