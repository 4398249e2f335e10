namespace Open311;

// Which calls belong to the web pages: every path outside the APIs and the operations endpoints. A call there
// that wants a page (a browser's Accept names text/html) gets HTML error pages; anything else keeps the API's.
static class WebPaths
{
    static readonly string[] NotWeb = ["/open311", "/api", "/healthz", "/readyz", "/openapi", "/docs", "/scalar", "/metrics"];

    public static bool IsWeb(PathString path) => !NotWeb.Any(prefix => path.StartsWithSegments(prefix));

    public static bool WantsPage(HttpContext context) =>
        IsWeb(context.Request.Path) && context.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
