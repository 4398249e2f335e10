using Microsoft.Playwright;

namespace Open311.Tests;

// The extended status and duplicates on the console's request page (CONTRACT §11), through RequestLifecycle as PATCH
// goes: a duplicate of a request that does not exist is said beside the field and changes nothing; a duplicate of one
// that does closes it and names its original in the public API's extensions; the history says both; the queue
// filters by the extended status.
[Trait("Storage", "pinned")] // RequestLifecycle is tested on both engines by the staff API's tests
public class ConsoleStatusTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task StaffMarkADuplicateAndSetTheExtendedStatusAndThePublicApiSaysSo()
    {
        await using var site = new Site();
        var (first, _, _, second) = await ConsoleRequestTests.ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await using var visit = await site.StaffVisitAsync(browser, "dana@example.gov");
        var page = visit.Page;

        await page.GotoAsync($"/console/requests/{second}");
        await page.GetByLabel("Extended status").SelectOptionAsync("duplicate");
        await page.GetByLabel("Duplicate of (request number)").FillAsync("26-99999999");
        await visit.Role(AriaRole.Button, "Save changes").ClickAsync();
        var field = page.Locator(".field").Filter(new() { Has = page.GetByLabel("Duplicate of (request number)") });
        await field.GetByText("There is no request 26-99999999.").WaitForAsync();
        Assert.Equal("26-99999999", await page.GetByLabel("Duplicate of (request number)").InputValueAsync());
        var stored = (await site.Api.FetchAsync($"/open311/v2/requests/{second}.json?extensions=true")).Json[0];
        Assert.Equal(("open", "submitted"), (stored.GetProperty("status").GetString(), stored.GetProperty("status_detail").GetString()));
        await visit.CheckAsync("console-duplicate-refused-desktop");

        await page.GetByLabel("Duplicate of (request number)").FillAsync(first);
        await visit.Role(AriaRole.Button, "Save changes").ClickAsync();
        await page.GetByText("Request closed.").WaitForAsync();
        stored = (await site.Api.FetchAsync($"/open311/v2/requests/{second}.json?extensions=true")).Json[0];
        Assert.Equal("closed", stored.GetProperty("status").GetString());
        Assert.Equal("duplicate", stored.GetProperty("status_detail").GetString());
        Assert.Equal(first, stored.GetProperty("duplicate_of").GetString());
        Assert.Equal(first, stored.GetProperty("parent_service_request_id").GetString());
        Assert.True(await visit.Role(AriaRole.Link, first).IsVisibleAsync());
        var history = page.GetByRole(AriaRole.Region, new() { Name = "History" });
        Assert.Contains($"extended status Duplicate · duplicate of {first}", await history.InnerTextAsync());

        // The original moves on to in progress: the status stays open, the queue finds it by its extended status.
        await page.GotoAsync($"/console/requests/{first}");
        await page.GetByLabel("Extended status").SelectOptionAsync("in_progress");
        await visit.Role(AriaRole.Button, "Save changes").ClickAsync();
        await page.GetByText("Changes saved.").WaitForAsync();
        stored = (await site.Api.FetchAsync($"/open311/v2/requests/{first}.json?extensions=true")).Json[0];
        Assert.Equal(("open", "in_progress"), (stored.GetProperty("status").GetString(), stored.GetProperty("status_detail").GetString()));
        await visit.CheckAsync("console-status-desktop");

        await visit.Role(AriaRole.Link, "Queue", exact: true).ClickAsync();
        await page.GetByLabel("Extended status").SelectOptionAsync("in_progress");
        await visit.Role(AriaRole.Button, "Apply filters").ClickAsync();
        await page.GetByText("Showing 1–1 of 1 requests").WaitForAsync();
        Assert.Contains("detail=in_progress", page.Url);
        Assert.Equal(1, await visit.Role(AriaRole.Link, first).CountAsync());
        await page.GotoAsync("/console?detail=duplicate");
        await page.GetByText("Showing 1–1 of 1 requests").WaitForAsync();
        Assert.Equal(1, await visit.Role(AriaRole.Link, second).CountAsync());
    }
}
