using Microsoft.Playwright;

namespace Open311.Tests;

// Admins keep teams in the console: create one with members, change it, and a refused save keeps what was typed.
[Trait("Storage", "pinned")] // TeamStore is tested on both engines by StaffTeamsTests
public class ConsoleTeamsTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task AnAdminCreatesATeamWithMembersAndChangesIt()
    {
        await using var site = new Site();
        await site.UserAsync("ada@example.gov", "Ada Okafor", "admin");
        await site.UserAsync("lee@example.gov", "Lee Park");
        await site.UserAsync("kim@example.gov", "Kim Reyes");
        await using var visit = await site.StaffVisitAsync(browser, "ada@example.gov");
        var page = visit.Page;

        await visit.Role(AriaRole.Link, "Teams").ClickAsync();
        await visit.Role(AriaRole.Heading, "Teams", exact: true).WaitForAsync();
        await page.GetByLabel("Team name").FillAsync("Streets");
        await page.GetByLabel("Public name").FillAsync("Public Works: Streets");
        await page.GetByLabel("Email").FillAsync("streets@example.gov");
        await page.GetByLabel("Lee Park (lee@example.gov)").CheckAsync();
        await page.GetByLabel("Kim Reyes (kim@example.gov)").CheckAsync();
        await visit.Role(AriaRole.Button, "Create team").ClickAsync();
        await page.GetByText("The team Streets is created.").WaitForAsync();
        await visit.CheckAsync("console-teams-desktop");
        var team = Assert.Single(await site.App.Get<TeamStore>().ListAsync());
        Assert.Equal(("streets", "Public Works: Streets", "streets@example.gov"), (team.Id, team.PublicName, team.Email));
        Assert.Equal(["kim@example.gov", "lee@example.gov"], team.Members);
        Assert.Contains("Kim Reyes, Lee Park", await page.Locator("table.queue tbody").InnerTextAsync());

        // A second team with the same name is refused beside the field, keeping what was typed.
        await page.GetByLabel("Team name").FillAsync("streets");
        await page.GetByLabel("Public name").FillAsync("Another");
        await visit.Role(AriaRole.Button, "Create team").ClickAsync();
        await page.Alert().GetByText("Another team has this name.").WaitForAsync();
        Assert.Equal("Another", await page.GetByLabel("Public name").InputValueAsync());
        Assert.Single(await site.App.Get<TeamStore>().ListAsync());

        // Changing it: Kim leaves, the email is removed.
        await visit.Role(AriaRole.Link, "Change Streets").ClickAsync();
        await visit.Role(AriaRole.Heading, "Change the team Streets").WaitForAsync();
        Assert.True(await page.GetByLabel("Kim Reyes (kim@example.gov)").IsCheckedAsync());
        await page.GetByLabel("Kim Reyes (kim@example.gov)").UncheckAsync();
        await page.GetByLabel("Email").FillAsync("");
        await visit.Role(AriaRole.Button, "Save").ClickAsync();
        await page.GetByText("The team Streets is saved.").WaitForAsync();
        team = Assert.Single(await site.App.Get<TeamStore>().ListAsync());
        Assert.Equal(["lee@example.gov"], team.Members);
        Assert.Null(team.Email);
        Assert.Equal("Public Works: Streets", team.PublicName);
    }

    [BrowserFact]
    public async Task AStaffUserCannotOpenTheTeamsPage()
    {
        await using var site = new Site();
        await site.UserAsync("lee@example.gov", "Lee Park");
        await using var visit = await site.StaffVisitAsync(browser, "lee@example.gov");
        Assert.Equal(0, await visit.Role(AriaRole.Link, "Teams").CountAsync());
        var response = await visit.Page.GotoAsync("/console/admin/teams");
        Assert.Equal(403, response!.Status);
    }
}
