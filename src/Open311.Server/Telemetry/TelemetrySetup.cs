using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Open311;

// Metrics and logs (CONTRACT §13): OpenTelemetry's meters read at /metrics in Prometheus text, sent to an OTLP
// collector when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard variable), and the console's log lines as text
// or JSON, each carrying the call's trace id.
static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ServerMetrics>();
        services.AddOptions<MetricsOptions>().BindConfiguration("Open311:Metrics")
            .Validate(o => o.AllowedNetworks.All(n => TryNetwork(n, out _)),
                "Open311:Metrics:AllowedNetworks must be addresses or CIDR networks such as 10.0.0.0/8")
            .ValidateOnStart();
        services.AddOptions<LogFormatOptions>().BindConfiguration("Open311:Logging").ValidateDataAnnotations().ValidateOnStart();

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ServerMetrics.MeterName, "Npgsql") // Npgsql's own: connection pool use, commands
            .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (string.Equals(builder.Configuration["Open311:Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true; // the scope holds the trace id and the request id
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        return builder;
    }

    // /metrics, off the rate limits; closed by default: open to this machine (loopback, or a local socket, which has
    // no address) and to Open311:Metrics:AllowedNetworks (0.0.0.0/0 and ::/0 open it to everyone); 403 for the others.
    public static void MapMetrics(this WebApplication app)
    {
        var allowed = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowedNetworks
            .Select(n => TryNetwork(n, out var network) ? network : default).ToArray();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
        {
            if (MayRead(context.Connection.RemoteIpAddress, allowed)) return next(context);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("Forbidden: /metrics is open to Open311:Metrics:AllowedNetworks only\n");
        }), optionsName: null).DisableRateLimiting().ExcludeFromDescription();
    }

    public static bool MayRead(IPAddress? from, IPNetwork[] allowed)
    {
        if (from is null) return true;
        if (from.IsIPv4MappedToIPv6) from = from.MapToIPv4();
        return IPAddress.IsLoopback(from) || allowed.Any(n => n.Contains(from));
    }

    static bool TryNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network)) return true;
        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
