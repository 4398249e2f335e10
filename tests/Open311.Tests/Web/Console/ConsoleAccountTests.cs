using Microsoft.Playwright;

namespace Open311.Tests;

// People, not keys: the first admin from the admin command, signing in and out, the forced change of a one-time
// password, lockout, an admin making a staff account, and what a staff user and a visitor may not reach.
[Trait("Storage", "pinned")] // the accounts' store is tested on both engines by UserStoreTests
public class ConsoleAccountTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task TheFirstAdminIsMadeByTheCommandSignsInAndMustChooseAPassword()
    {
        var database = TestDatabase.Create();
        var (code, output, error) = await AdminProcess.RunAsync(database.ConnectionString, null,
            "users", "create", "--email", "Ada@Example.gov", "--name", "Ada Okafor", "--role", "admin");
        Assert.True(code == 0, error);
        var oneTime = output.TrimEnd().Split('\n').Last();
        Assert.Matches("^[A-Za-z2-9]{20}$", oneTime);

        await using var site = new Site(database: database);
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var page = visit.Page;

        // A visitor is sent to sign in, and comes back where they were going.
        await page.GotoAsync("/console?status=open");
        Assert.Contains("/console/sign-in?returnUrl=", page.Url);
        await visit.CheckAsync("console-sign-in-desktop");
        await visit.SignInAsync("ada@example.gov", oneTime);

        // The one-time password lets them do nothing but choose their own.
        await visit.Role(AriaRole.Heading, "Change your password").WaitForAsync();
        await page.GotoAsync("/console/admin/users");
        await visit.Role(AriaRole.Heading, "Change your password").WaitForAsync();
        Assert.EndsWith("/console/password", page.Url);
        await visit.CheckAsync("console-password-forced-desktop");
        await page.GetByLabel("Current or one-time password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("New password again").FillAsync("short");
        await visit.Role(AriaRole.Button, "Save password").ClickAsync();
        await page.Alert().GetByText("at least 12 characters").WaitForAsync();
        await page.GetByLabel("Current or one-time password").FillAsync(oneTime);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(ConsoleFixtures.Password);
        await page.GetByLabel("New password again").FillAsync(ConsoleFixtures.Password);
        await visit.Role(AriaRole.Button, "Save password").ClickAsync();
        await visit.Role(AriaRole.Heading, "Request queue").WaitForAsync();
        Assert.True(await page.GetByText("Your password is changed.").IsVisibleAsync());
        await visit.Role(AriaRole.Link, "Users").ClickAsync();
        await visit.Role(AriaRole.Heading, "Staff accounts").WaitForAsync();

        // The session cookie: HttpOnly, SameSite=Strict, only for /console, gone with the browser.
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "open311.console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
        Assert.Equal(-1, cookie.Expires);

        // Signing out ends it; the one-time password no longer works.
        await visit.Role(AriaRole.Button, "Sign out").ClickAsync();
        await visit.Role(AriaRole.Heading, "Sign in").WaitForAsync();
        await page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Url);
        await visit.SignInAsync("ada@example.gov", oneTime);
        await Refused(page);
        await visit.SignInAsync("ada@example.gov");
        await visit.Role(AriaRole.Heading, "Request queue").WaitForAsync();
        Assert.Empty(visit.Foreign);
    }

    // The refusal's page: its alert reads as the last one did, but its password field is empty again.
    static async Task Refused(IPage page)
    {
        await Microsoft.Playwright.Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await page.Alert().GetByText("do not match an active account").WaitForAsync();
    }

    [BrowserFact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutes()
    {
        await using var site = new Site();
        await site.UserAsync("sam@example.gov", "Sam Reyes");
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var page = visit.Page;
        for (var i = 1; i <= 4; i++)
        {
            await visit.SignInAsync("sam@example.gov", $"wrong password {i}");
            await Refused(page);
        }
        // The lock reads as a wrong password does (issue 26), so the page tells nobody the account exists.
        await visit.SignInAsync("sam@example.gov", "wrong password 5");
        await Refused(page);
        await visit.CheckAsync("console-locked-desktop");
        // Locked: even the right password is refused, until the window has passed.
        await visit.SignInAsync("sam@example.gov");
        await Refused(page);
        site.App.Clock.Advance(TimeSpan.FromMinutes(14));
        await visit.SignInAsync("sam@example.gov");
        await Refused(page);
        site.App.Clock.Advance(TimeSpan.FromMinutes(2));
        await visit.SignInAsync("sam@example.gov");
        await visit.Role(AriaRole.Heading, "Request queue").WaitForAsync();
    }

    [BrowserFact]
    public async Task AnAdminMakesAStaffAccountWhoseOneTimePasswordMustBeChangedAndWhoCannotReachAdminPages()
    {
        await using var site = new Site();
        await site.UserAsync("ada@example.gov", "Ada Okafor", "admin");
        await using var admin = await site.StaffVisitAsync(browser, "ada@example.gov");
        var page = admin.Page;
        await admin.Role(AriaRole.Link, "Users").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dana Whitfield");
        await page.GetByLabel("Email").FillAsync("dana@example.gov");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Staff");
        await admin.Role(AriaRole.Button, "Create account").ClickAsync();
        await page.GetByText("Account created for Dana Whitfield.").WaitForAsync();
        var oneTime = (await page.GetByLabel("One-time password").InnerTextAsync()).Trim();
        Assert.Equal(20, oneTime.Length);
        Assert.DoesNotContain(oneTime, page.Url);
        await admin.CheckAsync("console-users-created-desktop");

        await using var dana = await site.VisitAsync(browser.Chromium, Screen.Phone390);
        await dana.SignInAsync("dana@example.gov", oneTime);
        await dana.Role(AriaRole.Heading, "Change your password").WaitForAsync();
        await dana.Page.GetByLabel("Current or one-time password").FillAsync(oneTime);
        await dana.Page.GetByLabel("New password", new() { Exact = true }).FillAsync("dana's own password");
        await dana.Page.GetByLabel("New password again").FillAsync("dana's own password");
        await dana.Role(AriaRole.Button, "Save password").ClickAsync();
        await dana.Role(AriaRole.Heading, "Request queue").WaitForAsync();
        await dana.CheckAsync("console-queue-empty-phone");

        // Staff are not admins: no admin links, and the admin pages answer the 403 page.
        Assert.Equal(0, await dana.Role(AriaRole.Link, "Users").CountAsync());
        foreach (var path in new[] { "/console/admin/users", "/console/admin/keys", "/console/admin/catalog-file" })
        {
            var answer = await dana.Page.GotoAsync(path);
            Assert.Equal(403, answer!.Status);
            await dana.Role(AriaRole.Heading, "Not allowed").WaitForAsync();
            // A console page's error leads back to the console, not to the resident site.
            Assert.Equal("/console", await dana.Role(AriaRole.Link, "Go to the console's queue").GetAttributeAsync("href"));
            Assert.Equal(0, await dana.Role(AriaRole.Link, "Go to the home page").CountAsync());
        }
        await dana.CheckAsync("console-forbidden-phone");
        var missing = await dana.Page.GotoAsync("/console/requests/26-99999999");
        Assert.Equal(404, missing!.Status);
        Assert.Equal("/console", await dana.Role(AriaRole.Link, "Go to the console's queue").GetAttributeAsync("href"));
        var resident = await dana.Page.GotoAsync("/no-such-page");
        Assert.Equal(404, resident!.Status);
        Assert.Equal("/", await dana.Role(AriaRole.Link, "Go to the home page").GetAttributeAsync("href"));
        Assert.Equal(0, await dana.Role(AriaRole.Link, "Go to the console's queue").CountAsync());

        // Disabled by the admin: Dana's session ends at the next page.
        await page.GotoAsync("/console/admin/users");
        await admin.Role(AriaRole.Button, "Disable Dana Whitfield").ClickAsync();
        await page.GetByText("Dana Whitfield is disabled and signed out.").WaitForAsync();
        await dana.Page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", dana.Page.Url);
        await dana.SignInAsync("dana@example.gov", "dana's own password");
        await dana.Page.Alert().GetByText("do not match an active account").WaitForAsync();
    }
}
