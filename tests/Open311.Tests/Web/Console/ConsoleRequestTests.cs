using System.Text.Json;
using Microsoft.Playwright;

namespace Open311.Tests;

// Staff work a resident's report from the console: find it in the queue (by service, by text), see everything,
// add a private and a public note, upload a private photo, close it; the public API and the resident site show only
// the public parts; the audit trail names the user. Two staff at once see a conflict, not an overwrite.
[Trait("Storage", "pinned")] // the console calls the staff API's classes, tested on both engines there
public class ConsoleRequestTests(Browser browser) : IClassFixture<Browser>
{
    internal static async Task<(string Pothole, string Token, string Grass, string FarPothole)> ReportsAsync(Site site)
    {
        var key = await site.App.KeyAsync("client", name: "resident app");
        var (pothole, token) = await site.Api.CreatePotholeAsync(key, ("description", "Deep pothole by the curb"), ("email", "rosa.q@example.com"),
            ("phone", "512-555-0199"), ("first_name", "Rosa"), ("last_name", "Quintanilla"));
        var grass = (await site.Api.PostFormAsync("/open311/v2/requests.json", [("api_key", key), ("service_code", "CCGRASS"),
            ("lat", "30.2680"), ("long", "-97.7420"), ("description", "Grass taller than the fence")])).Json[0].GetProperty("service_request_id").GetString()!;
        var (far, _) = await site.Api.CreatePotholeAsync(key, ("lat", "30.4000"), ("long", "-97.9000"), ("description", "Pothole out by the lake"));
        return (pothole, token, grass, far);
    }

    [BrowserFact]
    public async Task StaffFindAResidentReportWorkItAndCloseItWhileThePublicSeesOnlyThePublicParts()
    {
        await using var site = new Site();
        var (id, token, grass, far) = await ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await using var visit = await site.StaffVisitAsync(browser, "dana@example.gov");
        var page = visit.Page;

        await page.GetByText("Showing 1–3 of 3 requests").WaitForAsync();
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync("Pothole Repair");
        await visit.Role(AriaRole.Button, "Apply filters").ClickAsync();
        await page.GetByText("Showing 1–2 of 2 requests").WaitForAsync();
        Assert.Contains("service=PWPOTHOL", page.Url);
        Assert.Equal(1, await visit.Role(AriaRole.Link, far).CountAsync());
        Assert.Equal(0, await visit.Role(AriaRole.Link, grass).CountAsync());
        await visit.CheckAsync("console-queue-desktop");
        await page.GetByLabel("Search text").FillAsync("curb");
        await visit.Role(AriaRole.Button, "Apply filters").ClickAsync();
        await page.GetByText("Showing 1–1 of 1 requests").WaitForAsync();
        Assert.Contains("q=curb", page.Url);

        await visit.Role(AriaRole.Link, id).ClickAsync();
        await visit.Role(AriaRole.Heading, $"Request {id}").WaitForAsync();
        Assert.True(await page.GetByText("rosa.q@example.com").IsVisibleAsync());
        Assert.True(await page.GetByText("512-555-0199").IsVisibleAsync());
        Assert.True(await page.GetByText("Rosa Quintanilla").IsVisibleAsync());

        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Caller sounded upset; ring back.");
        await visit.Role(AriaRole.Button, "Add note").ClickAsync();
        await page.GetByText("Private note added.").WaitForAsync();
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("A crew is booked for Monday.");
        await page.GetByLabel("Everyone, residents too (public)").First.CheckAsync();
        await visit.Role(AriaRole.Button, "Add note").ClickAsync();
        await page.GetByText("Public note added.").WaitForAsync();
        await page.GetByLabel("Photo file").SetInputFilesAsync(new FilePayload { Name = "crew.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(300, 200) });
        await page.GetByLabel("Title (optional)").FillAsync("Before the repair");
        await visit.Role(AriaRole.Button, "Upload photo").ClickAsync();
        await page.GetByText("Photo added.").WaitForAsync();
        var src = await page.GetByRole(AriaRole.Img, new() { Name = "Before the repair" }).GetAttributeAsync("src");
        var photo = await page.Context.APIRequest.GetAsync(src!);
        Assert.Equal(200, photo.Status);
        Assert.Equal("image/jpeg", photo.Headers["content-type"]);

        site.App.Clock.Advance(TimeSpan.FromMinutes(5));
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Closed");
        await page.GetByLabel("Status notes").FillAsync("Filled the pothole");
        await visit.Role(AriaRole.Button, "Save changes").ClickAsync();
        await page.GetByText("Request closed.").WaitForAsync();
        var timeline = page.GetByRole(AriaRole.List).Filter(new() { HasText = "Caller sounded upset" });
        Assert.Contains("Private", await timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Caller sounded upset" }).InnerTextAsync());
        Assert.Contains("Public", await timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "A crew is booked" }).InnerTextAsync());
        await visit.CheckAsync("console-request-desktop");

        // The public API: closed, moved, the public note only, no private photo, no contact.
        var reply = await site.Api.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true");
        var seen = reply.Json[0];
        Assert.Equal("closed", seen.GetProperty("status").GetString());
        Assert.Equal("Filled the pothole", seen.GetProperty("status_notes").GetString());
        Assert.Equal("2026-11-01T12:05:00Z", seen.GetProperty("updated_datetime").GetString());
        Assert.Contains("A crew is booked for Monday.", reply.Body);
        Assert.Empty(seen.GetProperty("extended_attributes").GetProperty("photos").EnumerateArray());
        foreach (var secret in new[] { "Caller sounded upset", "rosa.q@example.com", "512-555-0199", "Quintanilla", "Before the repair" })
            Assert.DoesNotContain(secret, reply.Body);

        // The resident site likewise.
        await using var resident = await site.VisitAsync(browser.Chromium, Screen.Phone390);
        await resident.Page.GotoAsync($"/track/{id}"); // by number: a token of an app's request is for that app
        await resident.Role(AriaRole.Heading, $"Request {id}").WaitForAsync();
        Assert.True(await resident.Page.GetByText("A crew is booked for Monday.").IsVisibleAsync());
        var html = await resident.Page.ContentAsync();
        foreach (var secret in new[] { "Caller sounded upset", "rosa.q@example.com", "Before the repair" }) Assert.DoesNotContain(secret, html);

        // Every change is audited under Dana's name and account.
        var admin = await site.App.KeyAsync("admin");
        var history = (await site.Api.StaffGetAsync($"/api/v1/requests/{id}/history", admin)).Json.EnumerateArray().ToList();
        var dana = history.Where(h => h.GetProperty("key_name").GetString() == "Dana Whitfield").ToList();
        Assert.Equal(["note added", "note added", "photo added", "closed"], dana.Select(h => h.GetProperty("action").GetString()));
        Assert.All(dana, h => Assert.Equal(JsonValueKind.Null, h.GetProperty("key_id").ValueKind));
        Assert.All(dana, h => Assert.Equal(JsonValueKind.Number, h.GetProperty("user_id").ValueKind));

        // And on a phone.
        await using var phone = await site.StaffVisitAsync(browser, "dana@example.gov", Screen.Phone390);
        await phone.Page.GotoAsync($"/console/requests/{id}");
        await phone.CheckAsync("console-request-phone");
        Assert.Empty(visit.Foreign);
    }

    [BrowserFact]
    public async Task TwoStaffChangingTheSameRequestSeeWhoChangedItInsteadOfOverwritingIt()
    {
        await using var site = new Site();
        var (id, _, _, _) = await ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await site.UserAsync("lee@example.gov", "Lee Park");
        await using var dana = await site.StaffVisitAsync(browser, "dana@example.gov");
        await using var lee = await site.StaffVisitAsync(browser, "lee@example.gov");
        await dana.Page.GotoAsync($"/console/requests/{id}");
        await lee.Page.GotoAsync($"/console/requests/{id}");

        site.App.Clock.Advance(TimeSpan.FromMinutes(30));
        await lee.Page.GetByLabel("Handled by").FillAsync("Street crew 4");
        await lee.Role(AriaRole.Button, "Save changes").ClickAsync();
        await lee.Page.GetByText("Changes saved.").WaitForAsync();

        await dana.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Closed");
        await dana.Role(AriaRole.Button, "Save changes").ClickAsync();
        await dana.Page.Alert().GetByText("Changed by Lee Park at November 1, 2026, 12:30 PM since you opened this page.").WaitForAsync();
        await dana.CheckAsync("console-conflict-desktop");
        var stored = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal("open", stored.GetProperty("status").GetString());
        Assert.Equal("Street crew 4", stored.GetProperty("agency_responsible").GetString());

        // After a reload the change goes through, on top of Lee's.
        await dana.Role(AriaRole.Link, "Reload the request").ClickAsync();
        Assert.Equal("Street crew 4", await dana.Page.GetByLabel("Handled by").InputValueAsync());
        await dana.Page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("Closed");
        await dana.Role(AriaRole.Button, "Save changes").ClickAsync();
        await dana.Page.GetByText("Request closed.").WaitForAsync();
        stored = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal("closed", stored.GetProperty("status").GetString());
        Assert.Equal("Street crew 4", stored.GetProperty("agency_responsible").GetString());
    }

    [BrowserFact]
    public async Task TheCsvExportHoldsTheFilteredRowsAndContactsOnlyForAdmins()
    {
        await using var site = new Site();
        var (id, _, grass, far) = await ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await site.UserAsync("ada@example.gov", "Ada Okafor", "admin");
        foreach (var (email, admin) in new[] { ("dana@example.gov", false), ("ada@example.gov", true) })
        {
            await using var visit = await site.StaffVisitAsync(browser, email);
            await visit.Page.GotoAsync("/console?service=PWPOTHOL&sort=oldest");
            var download = await visit.Page.RunAndWaitForDownloadAsync(() => visit.Role(AriaRole.Link, "Download CSV").ClickAsync());
            var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("service_request_id,status,service_code", lines[0]);
            Assert.Equal(admin, lines[0].EndsWith(",email,phone,first_name,last_name", StringComparison.Ordinal));
            Assert.Contains(",description,status_detail,duplicate_of", lines[0]);
            Assert.Contains(",submitted,", lines[1] + ",");
            Assert.StartsWith(id + ",open,PWPOTHOL", lines[1]);
            Assert.StartsWith(far + ",open,PWPOTHOL", lines[2]);
            Assert.DoesNotContain(grass, string.Join("\n", lines));
            Assert.Equal(admin, lines[1].Contains("rosa.q@example.com"));
        }
    }
}
