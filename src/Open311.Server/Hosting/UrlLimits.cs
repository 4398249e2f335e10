using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Open311;

// CONTRACT §11: a URL too long for the server is 414 in the error format of the asked suffix (too many headers:
// 431), never Kestrel's empty answer. Kestrel's own limits are set well above ours, so that what it refuses
// itself (with an empty body, before any of this code runs) is only what no client sends: the GeoReport
// limits below are what clients meet. 1,000 service request ids of Austin's form fill about 14 KB.
sealed class UrlLimits(RequestDelegate next)
{
    public const int MaxUrlBytes = 64 * 1024;
    public const int MaxHeaderBytes = 64 * 1024;

    public static void Configure(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = 8 * MaxUrlBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 8 * MaxHeaderBytes;
        kestrel.Limits.MaxRequestBufferSize = 16 * MaxUrlBytes;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var url = request.PathBase.Value?.Length + request.Path.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (url > MaxUrlBytes)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return Task.CompletedTask; // the status-code page writes the body in the caller's format
        }
        long headers = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values) headers += name.Length + (value?.Length ?? 0) + 4;
        if (headers > MaxHeaderBytes)
        {
            context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
