using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Open311;

// Two things HTTP and the contract say that the framework does otherwise, made true for every route at once:
// parameter names are exact (ASP.NET Core matches query names ignoring case: `PER_PAGE` would be per_page; here it is
// an unknown parameter, ignored as any unknown one is), and a server that has GET has HEAD (the same answer, no body).
sealed class ExactRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // As a feature of its own: setting Request.Query would rewrite the raw query string from the decoded values.
        if (request.QueryString.Value is { Length: > 1 } raw) context.Features.Set<IQueryFeature>(new ExactQueryFeature(ExactQuery(raw)));
        if (HttpMethods.IsHead(request.Method))
        {
            // Routed and answered as GET; the body is dropped here, so no host sends it (Kestrel would drop it too).
            request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
        }
        return next(context);
    }

    // The query string parsed as ASP.NET Core does (+ is a space, percent escapes decoded), names compared exactly.
    public static QueryCollection ExactQuery(string raw)
    {
        var store = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(raw))
        {
            var name = pair.DecodeName().ToString();
            var value = pair.DecodeValue().ToString();
            store[name] = store.TryGetValue(name, out var before) ? StringValues.Concat(before, value) : new StringValues(value);
        }
        return new QueryCollection(store);
    }
}

sealed class ExactQueryFeature(IQueryCollection query) : IQueryFeature
{
    public IQueryCollection Query { get; set; } = query;
}
