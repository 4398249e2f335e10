using Microsoft.Extensions.Options;

namespace Open311;

// The headers of every web page and file: a strict Content-Security-Policy (scripts, styles and fonts from this
// server only, no inline script; images also from the map's tile server), no framing, no sniffing, and no Referer
// beyond this site, so a tracking link's token never reaches the tile server.
sealed class SecurityHeaders(RequestDelegate next, IOptions<MapOptions> map)
{
    readonly string policy = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        $"img-src 'self' data: blob:{(map.Value.TileOrigin is { } tiles ? " " + tiles : "")}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public Task InvokeAsync(HttpContext context)
    {
        if (WebPaths.IsWeb(context.Request.Path))
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
        return next(context);
    }
}
