using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Open311;

// The staff console at /console (issue 15): people sign in with the framework's cookie authentication; every page
// needs a signed-in user, the admin pages an admin. The pages share the resident site's layout, strings, headers
// and error pages (WebSetup), and change requests through Casework, as the staff API does.
static class ConsoleSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string AdminPolicy = "console-admin";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddAuthentication(Scheme).AddCookie(Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<UserOptions>>((o, users) =>
        {
            o.Cookie.Name = "open311.console";
            o.Cookie.Path = "/console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the page came over HTTPS
            o.ExpireTimeSpan = TimeSpan.FromMinutes(users.Value.SessionMinutes);
            o.SlidingExpiration = true;
            o.LoginPath = "/console/sign-in";
            o.LogoutPath = "/console/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = ConsoleUser.ValidateAsync;
            // A signed-in user without the role gets the 403 page (the status-code pages), not a redirect.
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Console");
            o.Conventions.AuthorizeFolder("/Console/Admin", AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/Console/SignIn");
            o.Conventions.AddFolderApplicationModelConvention("/Console", page => page.Filters.Add(new ConsolePageFilter()));
        });
        return services;
    }

    // After routing: who is signed in, and whether they may see the page. Only the console's paths carry its cookie.
    public static IApplicationBuilder UseConsole(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/console"), console =>
        {
            console.UseAuthentication();
            console.UseAuthorization();
        });
}
