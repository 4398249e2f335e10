using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Choosing a password: forced after a one-time password (ConsolePageFilter sends every other page here), and open
// to anyone signed in. The new password ends every other session (a new stamp); this one is signed in again.
sealed class PasswordModel(UserStore users) : PageModel
{
    [BindProperty] public string? Current { get; set; }
    [BindProperty] public string? Next { get; set; }
    [BindProperty] public string? Repeat { get; set; }

    public string? Problem { get; private set; }
    public bool Forced => User.MustChangePassword();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Current) || string.IsNullOrEmpty(Next)) Problem = "PasswordMissing";
        else if (Next != Repeat) Problem = "PasswordRepeat";
        else
        {
            var (user, problem) = await users.ChangePasswordAsync(User.Id(), Current, Next, ct);
            if (user is not null)
            {
                await ConsoleUser.SignInAsync(HttpContext, user);
                return Redirect("/console?passwordChanged=1");
            }
            Problem = problem;
        }
        Current = Next = Repeat = null;
        return Page();
    }
}
