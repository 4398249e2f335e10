using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Open311;

// The web pages beside the APIs (CONTRACT §12): Razor Pages under Web/, server-rendered, in English and Spanish,
// reaching data through the same classes as the API handlers. The staff console (Web/Console) will share the
// layout, the localization, the headers and the error pages set up here (ConsoleSetup adds its sign-in).
static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("es")];

    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>().BindConfiguration("Open311:Web").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MapOptions>().BindConfiguration("Open311:Map").ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorPages(o => o.RootDirectory = "/Web");
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The visible switch's cookie first, then the browser's Accept-Language; no culture in the URL.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new BrowserLanguage()];
        });
        // Spanish text as text (ñ, á), not as character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<WebDates>();
        services.AddSingleton<ReportLimiter>();
        services.AddSingleton<RequestsInView>();
        return services;
    }

    // Before routing: the web's static files (served before the API's rate limiter sees them) and the resident's
    // language. The API paths pass through untouched. (The headers, SecurityHeaders, come first of all, in Hosting.)
    public static IApplicationBuilder UseWeb(this IApplicationBuilder app)
    {
        app.UseWhen(c => WebPaths.IsWeb(c.Request.Path), web =>
        {
            web.UseStaticFiles();
            web.UseRequestLocalization();
        });
        return app;
    }

    // The error pages of a browser's calls on web paths: an HTML page in the resident's language (Web/Layout/Error).
    public static IApplicationBuilder UseWebErrorPages(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : 500,
        });
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        return app;
    }

    // After routing and the console's sign-in: form posts and the JSON handlers counted (WebLimits).
    public static IApplicationBuilder UseWebLimits(this IApplicationBuilder app) => app.UseMiddleware<WebLimits>();

    // The pages are not counted against the API's per-minute limit: a page is many calls (its files). What costs
    // the server is counted by WebLimits (form posts, JSON handlers) and ReportLimiter (reports an hour).
    public static void MapWeb(this IEndpointRouteBuilder app) => app.MapRazorPages().DisableRateLimiting();
}
