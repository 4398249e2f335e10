using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// Sign-out is a form (POST with the antiforgery token), so no link or image elsewhere can sign anyone out.
sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/console");

    public async Task<IActionResult> OnPostAsync()
    {
        await ConsoleUser.SignOutAsync(HttpContext);
        return Redirect("/console/sign-in?signedOut=1");
    }
}
