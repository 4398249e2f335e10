using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Open311;

// The signed-in person, as the cookie carries them: id, name, role, whether the password must be changed, and the
// account's stamp. Each page checks the stamp against the account, so a disabled account, a new role or a reset
// password ends the sessions that came before.
static class ConsoleUser
{
    const string StampClaim = "open311:stamp";
    const string MustChangeClaim = "open311:must_change";

    public static ClaimsPrincipal Principal(StaffUser user) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Name),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(StampClaim, user.Stamp),
        new Claim(MustChangeClaim, user.MustChange ? "true" : "false"),
    ], ConsoleSetup.Scheme));

    // The cookie is never persistent: it ends with the browser, and within the session by its sliding expiry.
    public static Task SignInAsync(HttpContext http, StaffUser user) =>
        http.SignInAsync(ConsoleSetup.Scheme, Principal(user), new AuthenticationProperties { IsPersistent = false });

    public static long Id(this ClaimsPrincipal p) => long.Parse(p.FindFirstValue(ClaimTypes.NameIdentifier)!, System.Globalization.CultureInfo.InvariantCulture);

    public static string Name(this ClaimsPrincipal p) => p.FindFirstValue(ClaimTypes.Name) ?? "";

    public static bool IsAdmin(this ClaimsPrincipal p) => p.IsInRole(Roles.Admin);

    public static bool MustChangePassword(this ClaimsPrincipal p) => p.FindFirstValue(MustChangeClaim) == "true";

    // What the audit trail records for a console change: the user's id and their name at the time.
    public static Actor Actor(this ClaimsPrincipal p) => new(null, p.Name(), p.Id());

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
            || await users.FindAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), context.HttpContext.RequestAborted) is not { Active: true } user
            || user.Stamp != principal.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleSetup.Scheme);
            return;
        }
        // The name may have changed since; the stamp guards the rest.
        if (user.Name != principal.Name())
        {
            context.ReplacePrincipal(Principal(user));
            context.ShouldRenew = true;
        }
    }
}
