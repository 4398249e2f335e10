using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Open311;

// The web pages' share of the rate limits, counted by the same counter as the API's (in Redis when Open311:Redis is
// set, so one limit across every instance). Pages, their files and their re-executed error pages are not counted;
// what costs the server is:
// - a form post (POST to any web path): Open311:RateLimits:WebPostsPerMinute per client address, or per user for a
//   signed-in console user (a city office may share one address); counted before antiforgery, so refusals count too;
// - the resident site's JSON handlers (GET with ?handler=, as /map?handler=data and /report/{code}?handler=nearby):
//   the API's anonymous limit, in the same per-address count as the API's anonymous calls.
// A refused call gets 429 with Retry-After; the error pages write it (HTML for a browser, the error list otherwise).
sealed class WebLimits(RequestDelegate next, IRateCounter counter, IOptionsMonitor<RateLimitOptions> options, TimeProvider time, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Counted(context) is not var (partition, limit))
        {
            await next(context);
            return;
        }
        var decision = await counter.HitAsync(partition, limit, RateWindow.Minute, time.GetUtcNow().ToUnixTimeMilliseconds(), context.RequestAborted);
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            await next(context);
            return;
        }
        headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        metrics.RateLimited(keyed: false);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
    }

    (string Partition, int Limit)? Counted(HttpContext context)
    {
        var request = context.Request;
        if (!WebPaths.IsWeb(request.Path) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerPathFeature>() is not null) return null;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var limits = options.CurrentValue;
        if (HttpMethods.IsPost(request.Method))
            return context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
                ? ($"web-post:user:{user}", limits.WebPostsPerMinute)
                : ($"web-post:ip:{address}", limits.WebPostsPerMinute);
        if (HttpMethods.IsGet(request.Method) && !string.IsNullOrEmpty(request.Query["handler"]) && !request.Path.StartsWithSegments("/console"))
            return ($"ip:{address}", limits.AnonymousPerMinute);
        return null;
    }
}
