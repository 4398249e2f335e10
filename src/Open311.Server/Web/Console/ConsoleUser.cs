using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Open311;

// The signed-in person, as the cookie carries them: id, name, role, whether the password must be changed, and the
// account's stamp, and the id of its session in the database. Each page checks the stamp against the account, so a
// disabled account, a new role or a reset password ends the sessions that came before, and the session against its
// row, so sign-out, an admin or the absolute lifetime end it on every instance.
static class ConsoleUser
{
    const string StampClaim = "open311:stamp";
    const string MustChangeClaim = "open311:must_change";
    const string SessionClaim = "open311:session";

    static ClaimsPrincipal Principal(StaffUser user, string session) => new(new ClaimsIdentity(
    [
        new Claim(SessionClaim, session),
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Name),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(StampClaim, user.Stamp),
        new Claim(MustChangeClaim, user.MustChange ? "true" : "false"),
    ], ConsoleSetup.Scheme));

    // The cookie is never persistent: it ends with the browser, and within the session by its sliding expiry. It
    // names a session kept in the database (SessionStore), which sign-out, an admin or the absolute lifetime end;
    // a session the request came with (a password just changed) ends as the new one starts.
    public static async Task SignInAsync(HttpContext http, StaffUser user)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        if (Session(http.User) is { } old) await sessions.EndAsync(old, http.RequestAborted);
        var session = await sessions.StartAsync(user.Id, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        await http.SignInAsync(ConsoleSetup.Scheme, Principal(user, session), new AuthenticationProperties { IsPersistent = false });
    }

    // Sign-out: the session's row goes, so the cookie is refused wherever it is replayed, then the cookie.
    public static async Task SignOutAsync(HttpContext http)
    {
        if (Session(http.User) is { } session) await http.RequestServices.GetRequiredService<SessionStore>().EndAsync(session, http.RequestAborted);
        await http.SignOutAsync(ConsoleSetup.Scheme);
    }

    static string? Session(ClaimsPrincipal? p) => p?.FindFirstValue(SessionClaim);

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
        var ct = context.HttpContext.RequestAborted;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || Session(principal) is not { } session
            || await users.FindAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), ct) is not { Active: true } user
            || user.Stamp != principal.FindFirstValue(StampClaim)
            || !await context.HttpContext.RequestServices.GetRequiredService<SessionStore>().UseAsync(session, user.Id, ct))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleSetup.Scheme);
            return;
        }
        // The name may have changed since; the stamp guards the rest.
        if (user.Name != principal.Name())
        {
            context.ReplacePrincipal(Principal(user, session));
            context.ShouldRenew = true;
        }
    }
}
