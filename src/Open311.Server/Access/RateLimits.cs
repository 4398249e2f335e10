using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Open311;

static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("Open311:RateLimits").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProxyOptions>().BindConfiguration("Open311:ForwardedHeaders");
        services.AddSingleton<RedisLink>();
        services.AddSingleton<MemoryRateCounter>();
        services.AddSingleton<IRateCounter>(sp => sp.GetRequiredService<RedisLink>().Configured
            ? ActivatorUtilities.CreateInstance<RedisRateCounter>(sp)
            : sp.GetRequiredService<MemoryRateCounter>());
        services.AddSingleton<CallLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<CallLimiter>((o, limiter) =>
        {
            o.GlobalLimiter = limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(WriteRejectionAsync(context.HttpContext));
        });
        // Forwarded addresses are trusted only from the configured proxies: none by default.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the loopback default
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }

    static Task WriteRejectionAsync(HttpContext context)
    {
        const string message = "Rate limit exceeded: too many calls this minute; retry after the number of seconds in Retry-After";
        context.RequestServices.GetRequiredService<ServerMetrics>().RateLimited(keyed: context.Caller().Key is not null);
        return Refusals.WriteAsync(context, StatusCodes.Status429TooManyRequests, message);
    }
}
