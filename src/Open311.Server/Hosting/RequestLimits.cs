using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Open311;

// Open311:Limits: the longest URL and the largest headers the server reads. Kestrel's own limits are set
// four times higher (RequestLimits.Configure), so that a call over these is answered by the application,
// in the caller's format (CONTRACT §2, §11: "never an empty body"); only a call past Kestrel's is refused
// by Kestrel itself, with an empty 414 or 431.
sealed class RequestLimitOptions
{
    // 128 KB: a list of 5,000 request ids of up to 22 characters, commas percent-escaped, still fits, so a
    // client sending a long id list hears the list's own limit (RequestSearch.MaxIds) rather than a bare 414.
    [Range(1024, 16 * 1024 * 1024)] public int MaxUrlBytes { get; set; } = 128 * 1024;

    // Kestrel's defaults (32 KB in all, 100 headers), now answered in the caller's format.
    [Range(1024, 16 * 1024 * 1024)] public int MaxHeaderBytes { get; set; } = 32 * 1024;
    [Range(1, 10_000)] public int MaxHeaderCount { get; set; } = 100;

    public const int KestrelHeadroom = 4;
}

sealed class RequestLimits(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public static IServiceCollection AddRequestLimits(IServiceCollection services)
    {
        services.AddOptions<RequestLimitOptions>().BindConfiguration("Open311:Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            var o = limits.Value;
            var headroom = RequestLimitOptions.KestrelHeadroom;
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, o.MaxUrlBytes * headroom);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, o.MaxHeaderBytes * headroom);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(kestrel.Limits.MaxRequestHeaderCount, o.MaxHeaderCount * headroom);
        });
        return services;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var o = options.Value;
        var target = RequestText.RawTarget(context);
        if (target.Length > o.MaxUrlBytes)
            return Refusals.WriteAsync(context, StatusCodes.Status414UriTooLong,
                $"The URL is {target.Length} bytes long; this server reads URLs of at most {o.MaxUrlBytes} bytes. " +
                $"Ask for a long service_request_id list in several calls of at most {RequestSearch.MaxIds} ids");
        var headers = context.Request.Headers;
        if (headers.Count > o.MaxHeaderCount)
            return Refusals.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The call has {headers.Count} headers; this server reads at most {o.MaxHeaderCount}");
        // Counted as HTTP/1.1 sends them: "Name: value\r\n" for each value.
        long bytes = 0;
        foreach (var (name, values) in headers)
            foreach (var value in values)
                bytes += name.Length + 4 + (value?.Length ?? 0);
        if (bytes > o.MaxHeaderBytes)
            return Refusals.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The call's headers are {bytes} bytes; this server reads at most {o.MaxHeaderBytes}");
        return next(context);
    }
}
