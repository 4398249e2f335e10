using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Open311;

// What Program.cs wires up, one concern per call.
static class ServerSetup
{
    public static WebApplicationBuilder AddOpen311(this WebApplicationBuilder builder)
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        // The request-start line logs the whole URL, api_key in the query included: never below Warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.AddTelemetry();
        // A failed start is said in one line by StartupFailure; the host's own report of it is a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        var services = builder.Services;
        services.AddOptions<Open311Options>().BindConfiguration("Open311").ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.TimeZone) || TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "Open311:TimeZone is not a time zone id this machine knows (e.g. America/Chicago)")
            .Validate(o => o.Bounds is null || (o.Bounds.South < o.Bounds.North && o.Bounds.West < o.Bounds.East),
                "Open311:Bounds must have South below North and West below East")
            .Validate(o => string.IsNullOrEmpty(o.PublicUrl)
                    || (Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query == "" && url.Fragment == ""),
                "Open311:PublicUrl must be an absolute http or https URL such as https://311.example.gov")
            .Validate(o => CityCalendar.ParseHolidays(o.Holidays).Problems.Count == 0,
                "Open311:Holidays must be a comma list of dates as YYYY-MM-DD")
            .Validate(o => CityCalendar.ParseHours(o.WorkingHours) is not null,
                "Open311:WorkingHours must be two times as HH:mm-HH:mm, the start first (e.g. 08:00-17:00)")
            .Validate(o => Boundary.Load(o.Boundary).Problem is null,
                "Open311:Boundary must name a readable GeoJSON file of a Polygon or MultiPolygon (or a Feature or FeatureCollection of them)")
            .ValidateOnStart();
        services.AddOptions<NearbyOptions>().BindConfiguration("Open311:Nearby").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TuningOptions>().BindConfiguration("Open311:Tuning").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        RequestLimits.AddRequestLimits(services);
        // No `Server: Kestrel` on the answers: what runs the server is nobody's business.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.AddServerHeader = false);
        services.AddSingleton(sp => DateCodec.For(sp.GetRequiredService<IOptions<Open311Options>>().Value.TimeZone));
        services.AddStorage();
        services.AddSingleton<Boundary>();
        services.AddSingleton<CatalogReader>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<CatalogTransfer>();
        services.AddSingleton<RequestQueries>();
        services.AddSingleton<SyncBookmarks>();
        services.AddSingleton<RequestIntake>();
        services.AddSingleton<RequestViews>();
        services.AddSingleton<PublicBase>();
        services.AddSingleton<MediaLinks>();
        services.AddSingleton<KeyStore>();
        services.AddUsers();
        services.AddSingleton<TeamStore>();
        services.AddSingleton(sp => CityCalendar.From(sp.GetRequiredService<DateCodec>().Zone, sp.GetRequiredService<IOptions<Open311Options>>().Value));
        services.AddRateLimits();
        services.AddPhotos();
        services.AddCasework();
        services.AddStaff();
        services.AddOptions<ClientUpdateOptions>().BindConfiguration("Open311:ClientUpdates");
        services.AddUpdates();
        services.AddHealth();
        services.AddOpen311OpenApi();
        services.AddWeb();
        services.AddConsole();
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()
            .WithExposedHeaders("Link", "ETag", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")));
        // Lists of requests shrink to a sixth or less; the fastest level costs little CPU for that.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // public data only: the GeoReport API (below), never the staff API's secrets
            o.MimeTypes = ["application/json", "text/xml", "application/javascript", WireFormats.ContentType(WireFormat.GeoJson)];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddOptions<FormOptions>().Configure<IOptions<Open311Options>>((form, o) =>
        {
            form.MultipartBodyLengthLimit = o.Value.MaxRequestBodyBytes;
            form.BufferBodyLengthLimit = o.Value.MaxRequestBodyBytes;
        });
        return builder;
    }

    public static WebApplication UseOpen311(this WebApplication app)
    {
        // First of all: every answer's security headers (refusals and error pages included), then a URL or headers
        // over Open311:Limits are answered before anything reads them.
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLimits>();
        // Once started (a start that fails says only why, in one line).
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<PublicBase>().WarnWhenUnset(app.Environment, app.Logger));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/open311"), public311 => public311.UseResponseCompression());
        // Connect to a shared Redis now rather than on the first call (a few seconds when it is down).
        if (app.Services.GetRequiredService<RedisLink>() is { Configured: true } redis) _ = redis.Database;
        app.UseErrorPages();
        // With no proxy configured, the middleware would believe any X-Forwarded-For: then it is left out.
        var proxies = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (proxies.KnownProxies.Length + proxies.KnownNetworks.Length > 0) app.UseForwardedHeaders();
        app.UseWeb();
        app.UseMiddleware<ExactRequests>();
        app.UseRouting();
        app.UseConsole();
        app.UseCors();
        // The key is found before the limiter so that a key in a form body counts (Austin addendum);
        // an unknown key is refused after it, so refused calls are counted too.
        app.UseMiddleware<KeyResolution>();
        app.UseRateLimiter();
        app.UseWebLimits();
        // Staff routes: the role is checked before anything about the call (its path, text, body or content type).
        app.UseStaffRoleGate();
        // Paths and query strings that are not UTF-8 or carry what XML can't: 400, counted by the limiter.
        app.UseMiddleware<RequestText>();
        app.UseMiddleware<BodyLimit>();
        app.UseMiddleware<KeyEnforcement>();
        return app;
    }

    public static RouteGroupBuilder MapOpen311(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").DisableRateLimiting();
        // A city's own server: no hosted services (AI agent, MCP, telemetry, developer toolbar) and no fonts from a CDN.
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Open311 API");
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            o.Agent = new ScalarAgentOptions { Disabled = true };
            o.Mcp = new ScalarMcpOptions { Disabled = true };
        }).DisableRateLimiting();
        app.MapHealth();
        var open311 = app.MapGroup("/open311").AddEndpointFilter<GeoReportFilter>().WithTags("GeoReport v2");
        var v2 = open311.MapGroup("/v2");
        open311.MapDiscovery(v2);
        return v2;
    }
}
