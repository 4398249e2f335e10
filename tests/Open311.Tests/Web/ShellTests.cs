using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Open311.Tests;

// The pages render in a real browser at a phone's size and a desktop's, pass axe-core, load nothing from any
// other host and break no rule of their Content-Security-Policy; the language follows the browser, or the switch.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class ShellTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task EveryPageRendersCleanlyOnAPhoneAndADesktop()
    {
        await using var site = new Site();
        foreach (var screen in Screen.Both)
        {
            await using var visit = await site.VisitAsync(browser.Chromium, screen);
            var page = visit.Page;
            foreach (var (path, heading, shot) in new[]
            {
                ("/", "Report a problem to the city", "home"),
                ("/report", "Report a problem", "report-choose"),
                ("/report?q=potholes", "Services matching “potholes”", "report-search"),
                ("/report/PWPOTHOL", "Pothole Repair", "report-form"),
                ("/report/SWSDEADA", "Dead Animal Collection", "report-inactive"),
                ("/track", "Track a report", "track-form"),
                ("/map", "Map of reports", "map"),
                ("/no/such/page", "Page not found", "not-found"),
            })
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(path.StartsWith("/no/") ? 404 : 200, response!.Status);
                Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).IsVisibleAsync(), $"{path}: no heading '{heading}'");
                await visit.CheckAsync($"shell-{shot}-{screen.Name}");
            }
            Assert.Empty(visit.Foreign);
        }
    }

    [BrowserFact]
    public async Task TheBrowsersLanguageChoosesSpanishAndTheSwitchIsRemembered()
    {
        await using var site = new Site();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390, locale: "es-MX");
        var page = visit.Page;
        await page.GotoAsync("/report");
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await visit.Role(AriaRole.Heading, "Reportar un problema", exact: true).IsVisibleAsync());

        // The switch posts and comes back to the same address: wait for the page it comes back with.
        await visit.Role(AriaRole.Button, "English").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(visit.Role(AriaRole.Heading, "Report a problem", exact: true)).ToBeVisibleAsync();

        await page.GotoAsync("/track");
        Assert.True(await visit.Role(AriaRole.Heading, "Track a report", exact: true).IsVisibleAsync());
        await visit.Role(AriaRole.Button, "Español").ClickAsync();
        await Expect(visit.Role(AriaRole.Heading, "Seguir un reporte", exact: true)).ToBeVisibleAsync();
        await visit.CheckAsync("shell-track-es-phone");
    }
}
