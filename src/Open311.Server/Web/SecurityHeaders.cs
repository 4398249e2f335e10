using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Open311;

// The headers of every answer, set before anything else runs so that refusals, error pages and the operations
// endpoints carry them too: no sniffing, no framing (X-Frame-Options and frame-ancestors), and a
// Content-Security-Policy for what the answer is.
// - Web pages and files: scripts, styles and fonts from this server only, no inline script; images also from the
//   map's tile server; no Referer beyond this site, so a tracking link's token never reaches the tile server.
// - The API viewer (/docs): Scalar's files from this server and its one inline start-up script, allowed by its hash
//   (worked out from the page itself); Scalar sets styles from script, so inline styles are allowed there only.
// - Everything else (GeoReport and staff JSON/XML, /openapi, /metrics, /healthz, errors): data, never a page, so
//   the policy allows nothing at all.
sealed partial class SecurityHeaders(RequestDelegate next, IOptions<MapOptions> map)
{
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static readonly string[] DocsPaths = ["/docs", "/scalar"];

    readonly string webPolicy = string.Join("; ",
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

    static string DocsPolicy(IEnumerable<string> scriptHashes) => string.Join("; ",
        "default-src 'self'",
        "script-src 'self'" + string.Concat(scriptHashes.Select(h => $" 'sha256-{h}'")),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var web = WebPaths.IsWeb(path);
        var docs = DocsPaths.Any(p => path.StartsWithSegments(p));
        var policy = web ? webPolicy : docs ? DocsPolicy([]) : DataPolicy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = web || docs ? "same-origin" : "no-referrer";
            if (web || docs)
            {
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
            }
            return Task.CompletedTask;
        });
        // The viewer's page (a path without a file name) is small: kept until its inline script is known.
        if (docs && !Path.HasExtension(path.Value)) await WithScriptHashesAsync(context);
        else await next(context);
    }

    async Task WithScriptHashesAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try { await next(context); }
        finally { context.Response.Body = original; }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var hashes = InlineScript().Matches(Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length))
                .Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value))));
            context.Response.Headers.ContentSecurityPolicy = DocsPolicy(hashes);
        }
        page.Position = 0;
        await page.CopyToAsync(original, context.RequestAborted);
    }

    [GeneratedRegex("""<script(?![^>]*\ssrc=)[^>]*>(?<body>.*?)</script>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
