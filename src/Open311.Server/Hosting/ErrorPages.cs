using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Open311;

// Every error the framework raises itself (unknown route, wrong method, body too large, a fault)
// is written in the caller's language: the Open311 error list on the public API, RFC 9457 problem
// details on the staff API (CONTRACT §2, §8). Never an HTML page or a stack trace there. A browser's call on a
// web path (WebPaths: outside the APIs) gets the web's HTML error page instead.
static class ErrorPages
{
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(WebPaths.WantsPage, web => web.UseWebErrorPages());
        app.UseWhen(c => !WebPaths.WantsPage(c), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteFaultAsync });
            api.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        });
        return app;
    }

    static int StatusFor(Exception error, Dialect dialect) => error switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when dialect.IsUnavailable(error) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    static async Task WriteFaultAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error is null ? 500 : StatusFor(error, context.RequestServices.GetRequiredService<Dialect>());
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Open311.Errors");
        // The path only: the query string may hold an api_key.
        if (status == StatusCodes.Status503ServiceUnavailable) context.RequestServices.GetRequiredService<ServerMetrics>().StorageFailed();
        if (status >= 500)
            logger.LogError(error, "Request {RequestId} {Method} {Path} failed with {Status}", context.TraceIdentifier,
                context.Request.Method, context.Request.Path, status);
        var message = status switch
        {
            503 => $"The service's storage is unavailable; try again shortly (reference {context.TraceIdentifier})",
            >= 500 => $"An internal error occurred (reference {context.TraceIdentifier})",
            413 => "The request body is too large",
            _ => "The request could not be read",
        };
        context.Response.StatusCode = status;
        await Refusals.WriteAsync(context, status, message, reference: true);
    }

    static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            404 => "No such resource: check the path and its .json or .xml suffix",
            405 => $"Method {context.Request.Method} is not allowed on this resource",
            413 => "The request body is too large",
            415 when !Refusals.IsStaffPath(context.Request.Path) => "Content-Type must be application/x-www-form-urlencoded or multipart/form-data",
            415 => "Unsupported content type",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return Refusals.WriteAsync(context, status, message, reference: true);
    }
}
