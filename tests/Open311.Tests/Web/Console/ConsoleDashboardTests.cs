using Microsoft.Playwright;

namespace Open311.Tests;

// The dashboard's pictures and the numbers behind them equal what the API counts.
[Trait("Storage", "pinned")] // plain counts over the requests tables, the same SQL on both engines
public class ConsoleDashboardTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task TheDashboardsNumbersEqualTheApisCounts()
    {
        await using var site = new Site();
        var (pothole, _, _, _) = await ConsoleRequestTests.ReportsAsync(site);
        site.App.Clock.Advance(TimeSpan.FromHours(2));
        var staff = await site.App.KeyAsync("staff");
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await site.Api.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{pothole}", staff, """{"status":"closed"}""")).Status);
        async Task<int> CountAsync(string query) => (await site.Api.FetchAsync($"/open311/v2/requests.json?{query}")).Json.GetArrayLength();
        var all = await CountAsync("per_page=100");
        var closed = await CountAsync("status=closed");
        var openPotholes = await CountAsync("service_code=PWPOTHOL&status=open");

        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await using var visit = await site.StaffVisitAsync(browser, "dana@example.gov");
        var page = visit.Page;
        await visit.Role(AriaRole.Link, "Numbers").ClickAsync();
        await visit.Role(AriaRole.Heading, "The numbers").WaitForAsync();
        Assert.True(await page.GetByText($"{all} opened and {closed} closed in all").IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "Open requests by service" }).IsVisibleAsync());
        await visit.CheckAsync("console-dashboard-desktop");

        foreach (var summary in await page.Locator("summary").AllAsync()) await summary.ClickAsync();
        async Task<string> CellAsync(string table, string row) =>
            (await page.GetByRole(AriaRole.Group).Filter(new() { HasText = table }).GetByRole(AriaRole.Row).Filter(new() { HasText = row })
                .GetByRole(AriaRole.Cell).Last.InnerTextAsync()).Trim();
        Assert.Equal(openPotholes.ToString(), await CellAsync("The numbers: Open requests by service", "Pothole Repair"));
        Assert.Equal("2", await CellAsync("The numbers: Median hours to close", "Pothole Repair"));
        Assert.Equal(all.ToString(), await CellAsync("The numbers: Requests by channel", "open311"));
        await visit.CheckAsync("console-dashboard-numbers-desktop");
    }
}
