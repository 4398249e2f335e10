using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Open311;

// The configured body limit: refused before the body is read when Content-Length already says too much (413),
// and enforced by the server while reading when it doesn't (FormBody sets the same limit for early reads).
sealed class BodyLimit(RequestDelegate next, IOptions<Open311Options> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask; // the status-code page writes the body in the caller's format
        }
        return next(context);
    }
}
