using Microsoft.Playwright;

namespace Open311.Tests;

// The map of reports: the recent requests in the view, as a list (the page's content, with or without script)
// and as grouped markers; filters by service and status; each links to its tracking page. Without tiles, or with
// tiles that can't be reached, it still shows the reports.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class MapTests(Browser browser) : IClassFixture<Browser>
{
    static async Task<(string Pothole, string Graffiti, string Closed, string Far)> SeedAsync(Site site)
    {
        var key = await site.App.KeyAsync();
        var staff = await site.App.KeyAsync("staff");
        var (pothole, _) = await site.Api.CreatePotholeAsync(key);
        var (closed, _) = await site.Api.CreatePotholeAsync(key, ("lat", "30.2690"), ("long", "-97.7450"), ("address_string", "500 Lavaca St"));
        await site.Api.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{closed}", staff, """{"status":"closed"}""");
        var (far, _) = await site.Api.CreatePotholeAsync(key, ("lat", "31.1000"), ("long", "-97.7431"));
        var graffiti = await site.Api.PostFormAsync("/open311/v2/requests.json", [("api_key", key), ("service_code", "SWSGRAFF"),
            ("lat", "30.2650"), ("long", "-97.7400"), ("attribute[GRAFSURF]", "building"), ("attribute[GRAFOFFN]", "no")]);
        return (pothole, graffiti.Json[0].GetProperty("service_request_id").GetString()!, closed, far);
    }

    [BrowserFact]
    public async Task TheMapListsTheReportsInViewAndFiltersThem()
    {
        await using var site = new Site();
        var (pothole, graffiti, closed, far) = await SeedAsync(site);
        foreach (var screen in Screen.Both)
        {
            await using var visit = await site.VisitAsync(browser.Chromium, screen);
            var page = visit.Page;
            await page.GotoAsync("/map");
            var list = page.GetByRole(AriaRole.Region, new() { Name = "Reports in this area: 3" });
            await list.WaitForAsync();
            foreach (var id in new[] { pothole, graffiti, closed })
                Assert.True(await list.GetByRole(AriaRole.Link, new() { NameRegex = new(id) }).IsVisibleAsync(), id);
            Assert.False(await page.GetByRole(AriaRole.Link, new() { NameRegex = new(far) }).IsVisibleAsync());
            // The three are close together: one group of three on the map.
            await page.GetByRole(AriaRole.Region, new() { Name = "Map of reports" }).GetByText("3", new() { Exact = true }).WaitForAsync();
            await visit.CheckAsync($"map-all-{screen.Name}");
            Assert.Empty(visit.Foreign);
        }

        await using var filtering = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var p = filtering.Page;
        await p.GotoAsync("/map");
        await p.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = "Graffiti Abatement" });
        await filtering.Role(AriaRole.Button, "Show").ClickAsync();
        var one = p.GetByRole(AriaRole.Region, new() { Name = "Reports in this area: 1" });
        await one.GetByRole(AriaRole.Link, new() { NameRegex = new(graffiti) }).WaitForAsync();

        await p.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Label = "All services" });
        await p.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Closed" });
        await filtering.Role(AriaRole.Button, "Show").ClickAsync();
        await one.GetByRole(AriaRole.Link, new() { NameRegex = new(closed) }).ClickAsync();
        await filtering.Role(AriaRole.Heading, $"Request {closed}").WaitForAsync();
        Assert.True(await p.GetByText("Closed", new() { Exact = true }).First.IsVisibleAsync());
    }

    [BrowserFact]
    public async Task TilesThatCannotBeReachedLeaveTheReportsOnTheMap()
    {
        await using var site = new Site(new() { ["Open311:Map:TileUrl"] = "https://tile.openstreetmap.org/{z}/{x}/{y}.png" });
        await SeedAsync(site);
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390);
        var page = visit.Page;
        var response = await page.GotoAsync("/map");
        Assert.Contains("img-src 'self' data: blob: https://tile.openstreetmap.org", response!.Headers["content-security-policy"]);
        await page.GetByRole(AriaRole.Region, new() { Name = "Map of reports" }).GetByText("3", new() { Exact = true }).WaitForAsync();
        Assert.True(await page.GetByText("© OpenStreetMap contributors").IsVisibleAsync());
        Assert.NotEmpty(visit.Foreign);
        Assert.All(visit.Foreign, url => Assert.StartsWith("https://tile.openstreetmap.org/", url));
        await visit.CheckAsync("map-no-tiles-phone");
    }
}
