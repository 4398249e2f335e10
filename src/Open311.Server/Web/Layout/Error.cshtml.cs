using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// The web's error page (WebSetup.UseWebErrorPages): what went wrong in the resident's language, with the
// request's reference for a fault; never a stack trace. A fault is logged as the API's are (path only).
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
sealed class ErrorModel(Dialect dialect, ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; }

    public string Reference => HttpContext.TraceIdentifier;

    // A console page's error links back to the console, not to the resident site's home.
    public bool InConsole { get; private set; }

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    void Show(int? status)
    {
        var fault = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var path = fault?.Path ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        InConsole = path is not null && new PathString(path).StartsWithSegments("/console");
        Status = fault?.Error is { } error ? error switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when dialect.IsUnavailable(error) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        } : status is >= 400 and < 600 ? status.Value : StatusCodes.Status404NotFound;
        if (fault is not null && Status >= 500)
            logger.LogError(fault.Error, "Request {RequestId} {Method} {Path} failed with {Status}", Reference,
                HttpContext.Request.Method, fault.Path, Status);
        Response.StatusCode = Status;
    }
}
