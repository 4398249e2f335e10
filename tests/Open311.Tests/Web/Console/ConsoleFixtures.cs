using Microsoft.Playwright;

namespace Open311.Tests;

// Staff accounts and signing in, for the console's tests.
static class ConsoleFixtures
{
    public const string Password = "correct horse battery";

    // An account made as `users create` makes one, its one-time password already changed to Password.
    public static async Task<StaffUser> UserAsync(this Site site, string email, string name, string role = "staff")
    {
        var users = site.App.Get<UserStore>();
        var created = (await users.CreateAsync(email, name, role, "one-time-password-1", Actor.Command))!;
        var (user, problem) = await users.ChangePasswordAsync(created.User.Id, "one-time-password-1", Password);
        Assert.Null(problem);
        return user!;
    }

    public static async Task SignInAsync(this Visit visit, string email, string password = Password)
    {
        var page = visit.Page;
        if (!page.Url.Contains("/console/sign-in")) await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await visit.Role(AriaRole.Button, "Sign in").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    // A visit already signed in as a ready account.
    public static async Task<Visit> StaffVisitAsync(this Site site, Browser browser, string email, Screen? screen = null, bool javaScript = true)
    {
        var visit = await site.VisitAsync(browser.Chromium, screen ?? Screen.Desktop, javaScript: javaScript);
        await visit.SignInAsync(email);
        await visit.Role(AriaRole.Heading, "Request queue").WaitForAsync();
        return visit;
    }

    public static ILocator Alert(this IPage page) => page.GetByRole(AriaRole.Alert);
}
