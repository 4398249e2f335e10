using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Sign-in: email and password. A wrong password, an unknown email, a disabled account and a locked one all read the
// same (issue 26: a lock said so only for emails that exist); an admin sees the lock on the users page.
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
