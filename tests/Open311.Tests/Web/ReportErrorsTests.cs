using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Open311.Tests;

// What the report form refuses: each problem beside its field (and in the summary), in words a resident reads,
// with what was typed kept and nothing stored; a filled honeypot and a connection over its hourly limit too.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class ReportErrorsTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task EveryMissingAnswerAndBadValueIsShownBesideItsFieldAndNothingIsStored()
    {
        await using var site = new Site();
        await site.EveryKindOfPotholeAsync();
        foreach (var screen in Screen.Both)
        {
            await using var visit = await site.VisitAsync(browser.Chromium, screen);
            var page = visit.Page;
            await page.GotoAsync("/report/PWPOTHOL");
            await page.GetByLabel("About how deep is it, in inches?").FillAsync("very deep");
            await page.GetByLabel("Email").FillAsync("rosa-at-example");
            await page.GetByLabel("Describe the problem").FillAsync("Kept after the errors");
            await visit.Role(AriaRole.Button, "Send report").ClickAsync();

            await visit.Role(AriaRole.Heading, "There is a problem: fix these and send the report again").WaitForAsync();
            // The summary takes the focus once the page's script has run (it waits for that, on a busy machine too).
            await Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
            await Expect(page.GetByLabel("Address")).ToHaveAccessibleDescriptionAsync(
                new System.Text.RegularExpressions.Regex("Where is it\\? Type an address, choose the spot on the map, or give the coordinates\\."));
            await Expect(page.Group("About how big is the pothole? (required)")).ToHaveAccessibleDescriptionAsync("“About how big is the pothole?”: this is required.");
            await Expect(page.Group("What makes it dangerous? (required)")).ToHaveAccessibleDescriptionAsync("“What makes it dangerous?”: this is required.");
            await Expect(page.GetByLabel("When did you first see it?")).ToHaveAccessibleDescriptionAsync("“When did you first see it?”: this is required.");
            await Expect(page.GetByLabel("About how deep is it, in inches?")).ToHaveAccessibleDescriptionAsync(
                "“About how deep is it, in inches?”: enter a number, such as 3 or 2.5.");
            await Expect(page.GetByLabel("Email")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(
                "^“Email”: enter an email address, such as name@example.com."));
            await Expect(page.GetByLabel("Describe the problem")).ToHaveValueAsync("Kept after the errors");
            await Expect(page.GetByLabel("About how deep is it, in inches?")).ToHaveValueAsync("very deep");
            // The summary's links take the focus to their field.
            await page.GetByRole(AriaRole.Link, new() { Name = "“Email”: enter an email address, such as name@example.com." }).ClickAsync();
            Assert.Equal("email", await page.EvaluateAsync<string>("document.activeElement.id"));
            await visit.CheckAsync($"errors-all-{screen.Name}");

            // Coordinates out of range and one without the other.
            await page.GetByLabel("Latitude").FillAsync("91");
            await page.GetByLabel("Longitude").FillAsync("");
            await visit.Role(AriaRole.Button, "Send report").ClickAsync();
            await Expect(page.GetByLabel("Latitude")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("“Latitude”: must be between -90 and 90\\."));
            await Expect(page.GetByLabel("Longitude")).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("“Longitude”: give both the latitude and the longitude\\."));
        }
        Assert.Equal(0, await site.CountAsync());
        Assert.Empty(site.App.PhotoFiles);
    }

    [BrowserFact]
    public async Task AFilledHoneypotStoresNothing()
    {
        await using var site = new Site();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var page = visit.Page;
        await page.GotoAsync("/report/PWPOTHOL");
        await page.GetByLabel("Address").FillAsync("301 W 2nd St");
        await page.GetByLabel("Larger than a car tire").CheckAsync();
        await page.Locator("input[name=website]").EvaluateAsync("e => e.value = 'http://spam.example'");
        await visit.Role(AriaRole.Button, "Send report").ClickAsync();
        await visit.Role(AriaRole.Heading, "The report could not be sent").WaitForAsync();
        Assert.Equal(0, await site.CountAsync());
    }

    [BrowserFact]
    public async Task AConnectionOverItsHourlyLimitGetsAClearPage()
    {
        await using var site = new Site(new() { ["Open311:Web:ReportsPerHour"] = "1" });
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390);
        var page = visit.Page;
        foreach (var attempt in new[] { 1, 2 })
        {
            await page.GotoAsync("/report/PWPOTHOL");
            await page.GetByLabel("Address").FillAsync("301 W 2nd St");
            await page.GetByLabel("Larger than a car tire").CheckAsync();
            var sent = await page.RunAndWaitForResponseAsync(() => visit.Role(AriaRole.Button, "Send report").ClickAsync(),
                r => r.Request.Method == "POST");
            Assert.Equal(attempt == 1 ? 302 : 429, sent.Status);
        }
        await visit.Role(AriaRole.Heading, "Too many reports from this connection").WaitForAsync();
        await visit.CheckAsync("errors-limit-phone");
        Assert.Equal(1, await site.CountAsync());
    }
}
