using Microsoft.Playwright;

namespace Open311.Tests;

// "Already reported? Follow it instead": open requests of the same service close to the chosen spot, shown
// before sending (report.js asks the page as the map is clicked or coordinates typed) and, without JavaScript,
// beside the errors of a report sent with coordinates.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class NearbyTests(Browser browser) : IClassFixture<Browser>
{
    static async Task<(string Near, string Far, string Other)> SeedAsync(Site site)
    {
        var key = await site.App.KeyAsync();
        var (near, _) = await site.Api.CreatePotholeAsync(key, ("lat", "30.2672"), ("long", "-97.7431"), ("address_string", "301 W 2nd St"));
        var (far, _) = await site.Api.CreatePotholeAsync(key, ("lat", "30.2800"), ("long", "-97.7431"));
        var other = await site.Api.PostFormAsync("/open311/v2/requests.json", [("api_key", key), ("service_code", "SWSGRAFF"),
            ("lat", "30.2672"), ("long", "-97.7431"), ("attribute[GRAFSURF]", "building"), ("attribute[GRAFOFFN]", "no")]);
        Assert.True(other.Status == System.Net.HttpStatusCode.OK, other.Body);
        return (near, far, other.Json[0].GetProperty("service_request_id").GetString()!);
    }

    [BrowserFact]
    public async Task ASecondReportAtTheSameSpotShowsTheFirstBeforeItIsSent()
    {
        await using var site = new Site();
        var (near, far, other) = await SeedAsync(site);
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390);
        var page = visit.Page;
        await page.GotoAsync("/report/PWPOTHOL");
        var nearby = page.GetByRole(AriaRole.Region, new() { Name = "Already reported? Follow it instead" });
        Assert.False(await nearby.IsVisibleAsync());

        // The map opens on the demo city's centre, where the first pothole is: a tap there finds it.
        await page.GetByRole(AriaRole.Application, new() { Name = "Map: click or tap the spot of the problem" }).ClickAsync();
        Assert.StartsWith("30.267", await page.GetByLabel("Latitude").InputValueAsync());
        await nearby.GetByRole(AriaRole.Link, new() { Name = near }).WaitForAsync();
        Assert.Equal(1, await nearby.GetByRole(AriaRole.Link).CountAsync());
        await visit.CheckAsync("nearby-map-phone");

        // Typed coordinates a kilometre and a half north find the other pothole alone.
        await page.GetByLabel("Latitude").FillAsync("30.2800");
        await page.GetByLabel("Longitude").FillAsync("-97.7431");
        await page.GetByLabel("Longitude").PressAsync("Tab");
        await nearby.GetByRole(AriaRole.Link, new() { Name = far }).WaitForAsync();
        Assert.False(await nearby.GetByRole(AriaRole.Link, new() { Name = near }).IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Link, new() { Name = other }).IsVisibleAsync());
        Assert.Empty(visit.Foreign);
    }

    [BrowserFact]
    public async Task WithoutJavaScriptTheFormStillReportsAndShowsTheNearbyListBesideItsErrors()
    {
        await using var site = new Site();
        var (near, _, _) = await SeedAsync(site);
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop, javaScript: false);
        var page = visit.Page;
        await page.GotoAsync("/report/PWPOTHOL");
        Assert.False(await page.GetByRole(AriaRole.Application).IsVisibleAsync());
        await page.GetByLabel("Latitude").FillAsync("30.26721");
        await page.GetByLabel("Longitude").FillAsync("-97.74312");
        await visit.Role(AriaRole.Button, "Send report").ClickAsync();
        var nearby = page.GetByRole(AriaRole.Region, new() { Name = "Already reported? Follow it instead" });
        await nearby.GetByRole(AriaRole.Link, new() { Name = near }).WaitForAsync();
        Assert.True(await page.GetByText("“About how big is the pothole?”: this is required.").First.IsVisibleAsync());
        await visit.ShotAsync("nearby-nojs-desktop");

        await page.GetByLabel("Larger than a car tire").CheckAsync();
        await visit.Role(AriaRole.Button, "Send report").ClickAsync();
        await visit.Role(AriaRole.Heading, "Report sent").WaitForAsync();
        var id = await page.RequestNumberAsync();
        var stored = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal(30.26721, stored.GetProperty("lat").GetDouble());
    }
}
