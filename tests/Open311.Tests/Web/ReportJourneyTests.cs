using Microsoft.Playwright;

namespace Open311.Tests;

// A resident reports a pothole, answering every kind of question and adding a photo; follows it by number and
// by token; staff work it through the staff API; the tracking page shows what is public and nothing else.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class ReportJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task AResidentReportsAPotholeAndFollowsItUntilItIsClosed()
    {
        await using var site = new Site();
        var staff = await site.EveryKindOfPotholeAsync();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var page = visit.Page;

        await page.GotoAsync("/");
        await visit.Role(AriaRole.Link, "Report a problem").First.ClickAsync();
        await visit.Role(AriaRole.Link, "Pothole Repair").ClickAsync();
        Assert.True(await page.GetByText("Potholes on state highways are repaired by the state.").IsVisibleAsync());
        await page.GetByLabel("Address").FillAsync("301 W 2nd St");
        await page.GetByLabel("Latitude").FillAsync("30.2672");
        await page.GetByLabel("Longitude").FillAsync("-97.7431");
        await page.Group("About how big is the pothole? (required)").GetByLabel("Larger than a car tire").CheckAsync();
        await page.Group("What makes it dangerous? (required)").GetByLabel("Cyclists swerve around it").CheckAsync();
        await page.Group("What makes it dangerous? (required)").GetByLabel("It is hard to see at night").CheckAsync();
        await page.GetByLabel("Which lane is it in?").FillAsync("Northbound right lane");
        await page.GetByLabel("About how deep is it, in inches?").FillAsync("3.5");
        await page.GetByLabel("When did you first see it?").FillAsync("2026-10-30T08:15");
        await page.GetByLabel("Anything else the crew should know?").FillAsync("It has doubled in a week.");
        await page.GetByLabel("Describe the problem").FillAsync("Deep pothole by the curb");
        await page.GetByLabel("Photos", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "pothole.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(400, 300) });
        await page.GetByLabel("First name").FillAsync("Rosa");
        await page.GetByLabel("Last name").FillAsync("Quintanilla");
        await page.GetByLabel("Email").FillAsync("rosa.q@example.com");
        await page.GetByLabel("Phone").FillAsync("512-555-0199");
        await page.GetByRole(AriaRole.List, new() { Name = "Chosen photos" }).GetByText("pothole.jpg").WaitForAsync();
        await visit.CheckAsync("journey-form-filled-desktop");

        await visit.Role(AriaRole.Button, "Send report").ClickAsync();
        await visit.Role(AriaRole.Heading, "Report sent").WaitForAsync();
        var id = await page.RequestNumberAsync();
        await visit.CheckAsync("journey-sent-desktop");
        var trackingLink = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("track") });
        var token = (await trackingLink.GetAttributeAsync("href"))!.Split('/').Last();

        // Stored through the same rules as the API: every answer, the photo, channel web, the contact kept for staff.
        var stored = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0];
        Assert.Equal(token, stored.GetProperty("token").GetString());
        Assert.Equal("web", stored.GetProperty("extended_attributes").GetProperty("channel").GetString());
        Assert.Single(stored.GetProperty("extended_attributes").GetProperty("photos").EnumerateArray());
        var details = stored.GetProperty("details");
        Assert.Equal("large", details.GetProperty("POTHSIZE").GetString());
        Assert.Equal(["bikes", "night"], details.GetProperty("POTHHAZ").EnumerateArray().Select(v => v.GetString()!).ToList());
        Assert.Equal("3.5", details.GetProperty("POTHDEEP").GetString());
        Assert.Equal("2026-10-30T08:15:00Z", details.GetProperty("POTHSEEN").GetString());
        Assert.Equal("It has doubled in a week.", details.GetProperty("POTHMORE").GetString());
        Assert.Equal("Northbound right lane", details.GetProperty("POTHLANE").GetString());
        var kept = await site.Api.StaffGetAsync($"/api/v1/requests/{id}", staff);
        Assert.Contains("rosa.q@example.com", kept.Body);

        // Followed by its tracking link, then by number and by token through the form.
        await trackingLink.ClickAsync();
        await visit.Role(AriaRole.Heading, $"Request {id}").WaitForAsync();
        foreach (var asked in new[] { id, token })
        {
            await page.GotoAsync("/track");
            await page.GetByLabel("Request number or token").FillAsync(asked);
            await visit.Role(AriaRole.Button, "Track").ClickAsync();
            await visit.Role(AriaRole.Heading, $"Request {id}").WaitForAsync();
            Assert.True(await page.GetByText("Open", new() { Exact = true }).IsVisibleAsync());
        }

        // Staff add a public and a private note and close it.
        Assert.Equal(System.Net.HttpStatusCode.Created, (await site.Api.AddNoteAsync(id, staff, "A crew is booked for Monday.", isPublic: true)).Status);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await site.Api.AddNoteAsync(id, staff, "Caller sounded upset; ring back.", isPublic: false)).Status);
        var closed = await site.Api.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status":"closed","status_notes":"Filled the pothole"}""");
        Assert.Equal(System.Net.HttpStatusCode.OK, closed.Status);

        foreach (var screen in Screen.Both)
        {
            await using var later = await site.VisitAsync(browser.Chromium, screen);
            await later.Page.GotoAsync($"/track/{token}");
            Assert.True(await later.Page.GetByText("Closed", new() { Exact = true }).First.IsVisibleAsync());
            Assert.True(await later.Page.GetByText("A crew is booked for Monday.").IsVisibleAsync());
            Assert.True(await later.Page.GetByText("October 30, 2026, 8:15 AM").IsVisibleAsync());
            Assert.True(await later.Page.GetByText("Filled the pothole").First.IsVisibleAsync());
            Assert.True(await later.Page.GetByRole(AriaRole.Img, new() { Name = "Photo 1 of the report" }).IsVisibleAsync());
            var html = await later.Page.ContentAsync();
            foreach (var secret in new[] { "Caller sounded upset", "rosa.q@example.com", "512-555-0199", "Rosa", "Quintanilla" })
                Assert.DoesNotContain(secret, html);
            await later.CheckAsync($"journey-track-closed-{screen.Name}");
            Assert.Empty(later.Foreign);
        }
        Assert.Empty(visit.Foreign);
    }
}
