using Microsoft.Playwright;

namespace Open311.Tests;

// The queue's filter on a map: the view is the places API's bbox, the markers are grouped, the list beside the map
// names what is in view and links to the console's request page.
[Trait("Storage", "pinned")] // the bbox search is tested on both engines by the places API's tests
public class ConsoleMapTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task TheQueuesFilterShowsOnTheMapWithTheReportsInViewGrouped()
    {
        await using var site = new Site();
        var (pothole, _, grass, far) = await ConsoleRequestTests.ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        foreach (var screen in Screen.Both)
        {
            await using var visit = await site.StaffVisitAsync(browser, "dana@example.gov", screen);
            var page = visit.Page;
            await page.GotoAsync("/console?service=PWPOTHOL");
            await visit.Role(AriaRole.Link, "Show on the map").ClickAsync();
            await visit.Role(AriaRole.Heading, "The queue on a map").WaitForAsync();
            Assert.Contains("service=PWPOTHOL", page.Url);
            var list = page.GetByRole(AriaRole.Region, new() { Name = "Reports in this area: 1" });
            await list.WaitForAsync();
            Assert.Equal($"/console/requests/{pothole}", await list.GetByRole(AriaRole.Link, new() { NameRegex = new(pothole) }).GetAttributeAsync("href"));
            Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { NameRegex = new(far) }).CountAsync()); // out of view
            Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { NameRegex = new(grass) }).CountAsync()); // another service

            await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync("Any");
            await visit.Role(AriaRole.Button, "Apply filters").ClickAsync();
            await page.GetByRole(AriaRole.Region, new() { Name = "Reports in this area: 2" }).WaitForAsync();
            // The two are close together: one group of two on the map.
            await page.GetByRole(AriaRole.Region, new() { Name = "The queue on a map" }).GetByText("2", new() { Exact = true }).WaitForAsync();
            await visit.CheckAsync($"console-map-{screen.Name}");
            Assert.Empty(visit.Foreign);
        }
    }
}
