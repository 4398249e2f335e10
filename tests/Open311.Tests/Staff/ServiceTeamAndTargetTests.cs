using System.Net;

namespace Open311.Tests;

// A service's default_team and sla (CONTRACT §14) through the staff API, the catalog file and the console's editor.
public class ServiceTeamAndTargetTests
{
    static async Task<string> AdminWithTeamAsync(Open311App app, HttpClient client)
    {
        var admin = await app.KeyAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin, """{"id":"streets","name":"Streets"}""")).Status);
        return admin;
    }

    [Fact]
    public async Task AServiceKeepsItsDefaultTeamAndTargetAndThePublicWireShowsNeither()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await AdminWithTeamAsync(app, client);
        var put = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", admin,
            """{"service_name":"Pothole Repair","default_team":"streets","sla":{"amount":3,"unit":"work_days"}}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("streets", put.Json.GetProperty("default_team").GetString());
        Assert.Equal(3, put.Json.GetProperty("sla").GetProperty("amount").GetInt32());
        Assert.Equal("work_days", put.Json.GetProperty("sla").GetProperty("unit").GetString());

        var read = await client.StaffGetAsync("/api/v1/services/PWPOTHOL", admin);
        Assert.Equal("streets", read.Json.GetProperty("default_team").GetString());

        var cleared = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", admin, """{"service_name":"Pothole Repair","default_team":null,"sla":null}""");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Json.GetProperty("default_team").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.Json.GetProperty("sla").ValueKind);

        await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", admin, """{"service_name":"Pothole Repair","default_team":"streets","sla":{"amount":3,"unit":"work_days"}}""");
        foreach (var path in new[] { "/open311/v2/services.json", "/open311/v2/services/PWPOTHOL.json?extensions=true", "/open311/v2/services.xml" })
        {
            var body = (await client.FetchAsync(path)).Body;
            Assert.DoesNotContain("streets", body);
            Assert.DoesNotContain("work_days", body);
        }
    }

    [Theory]
    [InlineData("""{"service_name":"x","default_team":"roads"}""", "default_team")]
    [InlineData("""{"service_name":"x","default_team":"Not An Id"}""", "default_team")]
    [InlineData("""{"service_name":"x","sla":{"amount":3,"unit":"weeks"}}""", "sla.unit")]
    [InlineData("""{"service_name":"x","sla":{"amount":0,"unit":"hours"}}""", "sla.amount")]
    [InlineData("""{"service_name":"x","sla":{"amount":2}}""", "sla.unit")]
    public async Task AnUnknownTeamOrABadTargetIsAValidationProblem(string json, string field)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await AdminWithTeamAsync(app, client);
        var reply = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/NEWONE", admin, json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(field, reply.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffGetAsync("/api/v1/services/NEWONE", admin)).Status);
    }

    [Fact]
    public async Task TheCatalogFileCarriesThemAndAnImportNamingAnUnknownTeamWritesNothing()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await AdminWithTeamAsync(app, client);
        await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", admin, """{"service_name":"Pothole Repair","default_team":"streets","sla":{"amount":48,"unit":"hours"}}""");
        var transfer = app.Get<CatalogTransfer>();
        var (json, _) = await transfer.ExportJsonAsync(default);
        Assert.Contains("\"default_team\": \"streets\"", json);
        Assert.Contains("\"unit\": \"hours\"", json);

        var bad = json.Replace("\"default_team\": \"streets\"", "\"default_team\": \"roads\"");
        var (outcome, problems) = await transfer.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad)), "catalog.json", false, Actor.Command, default);
        Assert.Null(outcome);
        Assert.Contains(problems, p => p.Contains("(PWPOTHOL): default_team roads is not a team"));
        Assert.Equal("streets", (await client.StaffGetAsync("/api/v1/services/PWPOTHOL", admin)).Json.GetProperty("default_team").GetString());
    }
}
