using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Open311;

// Every console page: never kept by a cache or a proxy (it shows personal fields and private notes), and, after a
// one-time password, nothing but the password change (and signing out) until a new password is chosen. A form sent
// to a handler the page doesn't have (`?handler=nope`) is 400: the page would otherwise render unread (a 500).
sealed class ConsolePageFilter : IAsyncPageFilter
{
    static readonly string[] WhileMustChange = ["/Console/Password", "/Console/SignOut", "/Console/SignIn"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (http.User.Identity?.IsAuthenticated == true && http.User.MustChangePassword()
            && !WhileMustChange.Contains(context.ActionDescriptor.ViewEnginePath))
        {
            context.Result = new RedirectResult("/console/password");
            return;
        }
        if (context.HandlerMethod is null && !HttpMethods.IsGet(http.Request.Method))
        {
            context.Result = new BadRequestResult();
            return;
        }
        await next();
    }
}
