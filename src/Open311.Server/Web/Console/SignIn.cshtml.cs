using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Sign-in: email and password. A wrong password, an unknown email, a disabled account and a locked one all read the
// same (issue 26: a lock said so only for emails that exist); an admin sees the lock on the users page.
// Too many attempts from one address or for one email answer 429 before the password is looked at (SignInThrottle).
sealed class SignInModel(UserStore users, SignInThrottle throttle, WebDates dates) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    // Past the attempts allowed: when they may start again, shown in the site's time zone.
    public string? LimitedUntil { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect(Next) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = "SignInMissing";
            return Page();
        }
        if (await throttle.AttemptAsync(HttpContext, Email, ct) is { } until)
        {
            LimitedUntil = dates.Format(until.ToUnixTimeMilliseconds());
            Password = null;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var seconds = Math.Max(1, (int)Math.Ceiling((until - HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var result = await users.SignInAsync(Email, Password, ct);
        if (result.Outcome != SignInOutcome.SignedIn)
        {
            Problem = "SignInWrong";
            Password = null;
            return Page();
        }
        await ConsoleUser.SignInAsync(HttpContext, result.User!);
        return Redirect(result.User!.MustChange ? "/console/password" : Next);
    }

    // Only back into the console: a sign-in link can't send anyone elsewhere.
    string Next => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/console", StringComparison.Ordinal) ? url : "/console";
}
