using System.Text.Json;
using Microsoft.Playwright;

namespace Open311.Tests;

// The catalog editor, field by field and without JavaScript: a new service with a required list question, saved
// through CatalogRules and CatalogStore, is on the resident form at once; a rule broken (a list with no choices, a
// repeated code) is named beside its field, with everything typed kept and nothing saved. The catalog file page
// downloads what `services export` writes and imports what `services import` reads, all of a file or none of it.
[Trait("Storage", "pinned")] // the catalog store and the import are tested on both engines by the staff API's and the commands' tests
public class ConsoleCatalogTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task ANewServiceWithARequiredListQuestionIsOnTheResidentFormAtOnce()
    {
        await using var site = new Site();
        await site.UserAsync("ada@example.gov", "Ada Okafor", "admin");
        await using var visit = await site.StaffVisitAsync(browser, "ada@example.gov", javaScript: false);
        var page = visit.Page;
        await visit.Role(AriaRole.Link, "Catalog").ClickAsync();
        await visit.Role(AriaRole.Link, "New service").First.ClickAsync();

        await page.GetByLabel("Service code", new() { Exact = true }).FillAsync("PRBENCH");
        await page.GetByLabel("Service name", new() { Exact = true }).FillAsync("Broken park bench");
        await page.GetByLabel("Group", new() { Exact = true }).FillAsync("Parks & Trees");
        await page.GetByLabel("Keywords", new() { Exact = true }).FillAsync("bench, seat");
        await visit.Role(AriaRole.Button, "Add a question").ClickAsync();
        var first = page.Group("Question 1");
        await first.GetByLabel("Code", new() { Exact = true }).FillAsync("BENCHWHAT");
        await first.GetByLabel("Datatype", new() { Exact = true }).SelectOptionAsync(Datatypes.SingleValueList);
        await first.GetByLabel("Question asked (description)", new() { Exact = true }).FillAsync("What is wrong with it?");
        await first.GetByLabel("Required", new() { Exact = true }).CheckAsync();

        // A list with no choices: said beside the choices, nothing saved, everything typed still there.
        await visit.Role(AriaRole.Button, "Save service").First.ClickAsync();
        await page.Alert().GetByText("The service was not saved").WaitForAsync();
        var choices = page.Group("Choices of question 1");
        Assert.True(await choices.GetByText("must list the choices of a list attribute").IsVisibleAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Api.FetchAsync("/open311/v2/services/PRBENCH.json")).Status);
        Assert.Equal("Broken park bench", await page.GetByLabel("Service name", new() { Exact = true }).InputValueAsync());
        Assert.Equal("BENCHWHAT", await first.GetByLabel("Code", new() { Exact = true }).InputValueAsync());
        Assert.True(await first.GetByLabel("Required", new() { Exact = true }).IsCheckedAsync());

        await visit.Role(AriaRole.Button, "Add a choice to question 1").ClickAsync();
        await visit.Role(AriaRole.Button, "Add a choice to question 1").ClickAsync();
        await first.GetByLabel("Key of choice 1", new() { Exact = true }).FillAsync("slats");
        await first.GetByLabel("Name of choice 1", new() { Exact = true }).FillAsync("Missing slats");
        await first.GetByLabel("Key of choice 2", new() { Exact = true }).FillAsync("graffiti");
        await first.GetByLabel("Name of choice 2", new() { Exact = true }).FillAsync("Painted on");

        // A second question with the first one's code: said beside its code.
        await visit.Role(AriaRole.Button, "Add a question").ClickAsync();
        var second = page.Group("Question 2");
        await second.GetByLabel("Code", new() { Exact = true }).FillAsync("BENCHWHAT");
        await second.GetByLabel("Datatype", new() { Exact = true }).SelectOptionAsync(Datatypes.Text);
        await second.GetByLabel("Question asked (description)", new() { Exact = true }).FillAsync("Anything else the crew should know?");
        await visit.Role(AriaRole.Button, "Save service").First.ClickAsync();
        await page.Alert().GetByText("The service was not saved").WaitForAsync();
        var codeError = second.GetByText("repeats the code 'BENCHWHAT' of Question 1");
        Assert.True(await codeError.IsVisibleAsync());
        Assert.True(await page.Alert().GetByRole(AriaRole.Link, new() { Name = "Question 2 · code" }).IsVisibleAsync());
        Assert.Contains("repeats the code", await page.EvaluateAsync<string>("() => document.querySelector('#a1-code').getAttribute('aria-describedby') && document.getElementById(document.querySelector('#a1-code').getAttribute('aria-describedby')).textContent") ?? "");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Api.FetchAsync("/open311/v2/services/PRBENCH.json")).Status);
        await visit.ShotAsync("console-catalog-errors-desktop");

        // Mended, and moved first: the order is the form's.
        await second.GetByLabel("Code", new() { Exact = true }).FillAsync("BENCHMORE");
        await visit.Role(AriaRole.Button, "Move question 2 up").ClickAsync();
        Assert.Equal("BENCHMORE", await page.Group("Question 1").GetByLabel("Code", new() { Exact = true }).InputValueAsync());
        await visit.Role(AriaRole.Button, "Move question 2 up").ClickAsync();
        Assert.Equal("BENCHWHAT", await page.Group("Question 1").GetByLabel("Code", new() { Exact = true }).InputValueAsync());
        await visit.Role(AriaRole.Button, "Save service").First.ClickAsync();
        await page.GetByText("PRBENCH is saved.").WaitForAsync();
        await visit.ShotAsync("console-catalog-desktop");

        var saved = (await site.Api.StaffGetAsync("/api/v1/services/PRBENCH", await site.App.KeyAsync("staff"))).Json;
        var attributes = saved.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["BENCHWHAT", "BENCHMORE"], attributes.Select(a => a.GetProperty("code").GetString()));
        Assert.True(attributes[0].GetProperty("required").GetBoolean());
        Assert.Equal(["slats", "graffiti"], attributes[0].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.Equal("Parks & Trees", saved.GetProperty("group").GetString());
        await using (var connection = await site.App.Get<Database>().OpenAsync())
        {
            var audit = await Dapper.SqlMapper.QueryAsync<(string Action, string KeyName)>(connection,
                "SELECT action, key_name FROM audit_log WHERE entity = 'service' AND entity_id = 'PRBENCH'");
            Assert.Equal(("created", "Ada Okafor"), Assert.Single(audit));
        }

        await visit.Role(AriaRole.Link, "Preview the resident form").First.ClickAsync();
        var question = page.Group("What is wrong with it? (required)");
        await question.WaitForAsync();
        Assert.True(await question.GetByLabel("Missing slats", new() { Exact = true }).IsVisibleAsync());
        Assert.True(await question.GetByLabel("Painted on", new() { Exact = true }).IsVisibleAsync());

        // The editor with its errors passes axe, on a desktop and a phone (axe runs as a script).
        foreach (var screen in Screen.Both)
        {
            await using var seen = await site.StaffVisitAsync(browser, "ada@example.gov", screen);
            await seen.Page.GotoAsync("/console/catalog?code=PRBENCH");
            await seen.Page.Group("Question 1").GetByLabel("Key of choice 2", new() { Exact = true }).FillAsync("");
            await seen.Role(AriaRole.Button, "Save service").First.ClickAsync();
            await seen.Page.Alert().WaitForAsync();
            await seen.CheckAsync($"console-catalog-{screen.Name}");
        }
        Assert.Equal("graffiti", (await site.Api.StaffGetAsync("/api/v1/services/PRBENCH", await site.App.KeyAsync("staff"))).Json
            .GetProperty("attributes")[0].GetProperty("values")[1].GetProperty("key").GetString());
    }

    [BrowserFact]
    public async Task TheCatalogFileRoundTripsAndABadFileChangesNothing()
    {
        await using var site = new Site();
        await site.UserAsync("ada@example.gov", "Ada Okafor", "admin");
        await using var visit = await site.StaffVisitAsync(browser, "ada@example.gov");
        var page = visit.Page;
        await visit.Role(AriaRole.Link, "Catalog").ClickAsync();
        await visit.Role(AriaRole.Link, "Export or import the catalog file").ClickAsync();
        await visit.Role(AriaRole.Heading, "Catalog file", exact: true).WaitForAsync();
        await visit.CheckAsync("console-catalog-file-desktop");

        // The download is what the admin command writes.
        var download = await page.RunAndWaitForDownloadAsync(() => visit.Role(AriaRole.Link, "Download the catalog (JSON)").ClickAsync());
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        var byCommand = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        try
        {
            await site.App.Get<CatalogTransfer>().ExportAsync(byCommand, CancellationToken.None);
            Assert.Equal(await File.ReadAllTextAsync(byCommand), exported);
        }
        finally { File.Delete(byCommand); }

        // Imported again unchanged: every service updated, none created.
        var count = JsonDocument.Parse(exported).RootElement.GetArrayLength();
        await Upload(page, "catalog.json", exported);
        await page.GetByText($"Imported: 0 created, {count} updated, 0 deleted, 0 switched off.").WaitForAsync();

        // A file with one service renamed and another broken: refused whole, each problem said, nothing changed.
        var services = System.Text.Json.Nodes.JsonNode.Parse(exported)!.AsArray();
        services.Single(x => (string?)x!["service_code"] == "PWPOTHOL")!["service_name"] = "Potholes";
        var renamed = services.ToJsonString();
        services.Single(x => (string?)x!["service_code"] == "CCGRASS")!["service_code"] = "CC GRASS";
        var broken = services.ToJsonString();
        await Upload(page, "broken.json", broken);
        await page.Alert().GetByText("Nothing was imported").WaitForAsync();
        Assert.True(await page.Alert().GetByText("(CC GRASS): service_code must be 1 to 64 letters, digits, '_' or '-'").IsVisibleAsync());
        await visit.CheckAsync("console-catalog-file-refused-desktop");
        Assert.Contains("\"Pothole Repair\"", (await site.Api.FetchAsync("/open311/v2/services.json")).Body);
        await Upload(page, "not-json.json", "{\"service_code\":");
        await page.Alert().GetByText("not-json.json:", new() { Exact = false }).WaitForAsync();

        // The renamed file alone goes through, and the resident site has the new name at once.
        await Upload(page, "renamed.json", renamed);
        await page.GetByText($"Imported: 0 created, {count} updated, 0 deleted, 0 switched off.").WaitForAsync();
        var list = (await site.Api.FetchAsync("/open311/v2/services.json")).Body;
        Assert.Contains("\"Potholes\"", list);
        Assert.DoesNotContain("\"Pothole Repair\"", list);
    }

    static async Task Upload(IPage page, string name, string json)
    {
        await page.GetByLabel("Catalog file (JSON)", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(json),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the file" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
