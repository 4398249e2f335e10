using Microsoft.Playwright;

namespace Open311.Tests;

// The catalog editor: a new service with a required list question, saved through CatalogRules and CatalogStore,
// is on the resident form at once; a definition that breaks a rule saves nothing and says why.
[Trait("Storage", "pinned")] // the catalog store is tested on both engines by the staff API's tests
public class ConsoleCatalogTests(Browser browser) : IClassFixture<Browser>
{
    const string Bench = """
        {"service_code":"PRBENCH","service_name":"Broken park bench","group":"Parks & Trees","keywords":"bench, seat",
         "attributes":[{"code":"BENCHWHAT","datatype":"singlevaluelist","description":"What is wrong with it?","order":1,"required":true,
           "values":[{"key":"slats","name":"Missing slats"},{"key":"graffiti","name":"Painted on"}]}]}
        """;

    [BrowserFact]
    public async Task ANewServiceWithARequiredListQuestionIsOnTheResidentFormAtOnce()
    {
        await using var site = new Site();
        await site.UserAsync("dana@example.gov", "Dana Whitfield");
        await using var visit = await site.StaffVisitAsync(browser, "dana@example.gov");
        var page = visit.Page;
        await visit.Role(AriaRole.Link, "Catalog").ClickAsync();
        await visit.Role(AriaRole.Link, "New service").First.ClickAsync();

        await page.GetByLabel("Service definition (JSON)").FillAsync(Bench.Replace("\"required\":true", "\"required\":true,\"order\":0"));
        await visit.Role(AriaRole.Button, "Save service").ClickAsync();
        await page.Alert().GetByText("The service was not saved").WaitForAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await site.Api.FetchAsync("/open311/v2/services/PRBENCH.json")).Status);

        await page.GetByLabel("Service definition (JSON)").FillAsync(Bench);
        await visit.Role(AriaRole.Button, "Save service").ClickAsync();
        await page.GetByText("PRBENCH is saved.").WaitForAsync();
        await visit.CheckAsync("console-catalog-desktop");

        await visit.Role(AriaRole.Link, "Preview the resident form").First.ClickAsync();
        var question = page.Group("What is wrong with it? (required)");
        await question.WaitForAsync();
        Assert.True(await question.GetByLabel("Missing slats").IsVisibleAsync());
        Assert.True(await question.GetByLabel("Painted on").IsVisibleAsync());
        var history = await site.Api.StaffGetAsync("/api/v1/services/PRBENCH", await site.App.KeyAsync("staff"));
        Assert.Contains("\"required\":true", history.Body);
    }
}
