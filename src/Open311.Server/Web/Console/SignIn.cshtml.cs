using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Sign-in: email and password. A wrong password, an unknown email and a disabled account all read the same;
// a locked account says so (and for how long in general terms), never which of the others it was.
sealed class SignInModel(UserStore users) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect(Next) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = "SignInMissing";
            return Page();
        }
        var result = await users.SignInAsync(Email, Password, ct);
        if (result.Outcome != SignInOutcome.SignedIn)
        {
            Problem = result.Outcome == SignInOutcome.Locked ? "SignInLocked" : "SignInWrong";
            Password = null;
            return Page();
        }
        await ConsoleUser.SignInAsync(HttpContext, result.User!);
        return Redirect(result.User!.MustChange ? "/console/password" : Next);
    }

    // Only back into the console: a sign-in link can't send anyone elsewhere.
    string Next => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/console", StringComparison.Ordinal) ? url : "/console";
}
