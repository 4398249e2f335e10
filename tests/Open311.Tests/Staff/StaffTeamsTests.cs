using System.Net;
using Dapper;

namespace Open311.Tests;

public class StaffTeamsTests
{
    static async Task<long> UserAsync(Open311App app, string email, string name) =>
        (await app.Get<UserStore>().CreateAsync(email, name, "staff", null, Actor.Command))!.User.Id;

    [Fact]
    public async Task AnAdminCreatesATeamWithMembersAndStaffReadIt()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin");
        var staff = await app.KeyAsync("staff");
        await UserAsync(app, "lee@city.gov", "Lee Park");
        await UserAsync(app, "ada@city.gov", "Ada Okafor");

        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin,
            """{"name":"Streets & Drainage","public_name":"Public Works: Streets","email":"streets@city.gov","members":["Lee@City.gov","ada@city.gov"]}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("streets-drainage", created.Json.GetProperty("id").GetString());
        Assert.Equal("/api/v1/teams/streets-drainage", created.Header("Location"));
        Assert.Equal("Public Works: Streets", created.Json.GetProperty("public_name").GetString());
        Assert.Equal(["ada@city.gov", "lee@city.gov"], created.Json.GetProperty("members").EnumerateArray().Select(m => m.GetString()!));

        var list = await client.StaffGetAsync("/api/v1/teams", staff);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var team = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal("Streets & Drainage", team.GetProperty("name").GetString());
        Assert.Equal("streets@city.gov", team.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.StaffGetAsync("/api/v1/teams/streets-drainage", staff)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffGetAsync("/api/v1/teams/nobody", staff)).Status);
    }

    [Fact]
    public async Task AnAdminChangesATeamAndItsMembersAndEveryChangeIsAudited()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin", name: "Sam the admin");
        await UserAsync(app, "lee@city.gov", "Lee Park");
        await UserAsync(app, "ada@city.gov", "Ada Okafor");
        await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin, """{"id":"parks","name":"Parks","email":"parks@city.gov","members":["lee@city.gov"]}""");

        var changed = await client.StaffAsync(HttpMethod.Patch, "/api/v1/teams/parks", admin,
            """{"public_name":"Parks and Recreation","email":null,"members":["ada@city.gov"]}""");
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("Parks", changed.Json.GetProperty("name").GetString());
        Assert.Equal("Parks and Recreation", changed.Json.GetProperty("public_name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed.Json.GetProperty("email").ValueKind);
        Assert.Equal(["ada@city.gov"], changed.Json.GetProperty("members").EnumerateArray().Select(m => m.GetString()!));
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffAsync(HttpMethod.Patch, "/api/v1/teams/roads", admin, """{"name":"Roads"}""")).Status);

        await using var connection = await app.Get<Database>().OpenAsync();
        var audit = (await connection.QueryAsync<(string Action, string KeyName, string Detail)>(
            "SELECT action, key_name, detail FROM audit_log WHERE entity = 'team' AND entity_id = 'parks' ORDER BY id")).ToList();
        Assert.Equal(["created", "updated"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("Sam the admin", a.KeyName));
        Assert.Contains("public_name", audit[1].Detail);
        Assert.DoesNotContain("ada@city.gov", string.Concat(audit.Select(a => a.Detail)));
    }

    [Theory]
    [InlineData("""{"public_name":"Roads"}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"Roads","id":"Roads Team"}""", "id")]
    [InlineData("""{"name":"Roads","email":"not an address"}""", "email")]
    [InlineData("""{"name":"Roads","members":"lee@city.gov"}""", "members")]
    [InlineData("""{"name":"Roads","members":[1]}""", "members")]
    [InlineData("""{"name":"Roads","members":["nobody@city.gov"]}""", "members[0]")]
    [InlineData("""{"name":"Roads","lead":"lee"}""", "lead")]
    public async Task ABadTeamIsAValidationProblemAndStoresNothing(string json, string field)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().StaffAsync(HttpMethod.Post, "/api/v1/teams", await app.KeyAsync("admin"), json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(field, reply.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(await app.Get<TeamStore>().ListAsync());
    }

    [Fact]
    public async Task ATakenIdOrNameIsRefusedAndAnIdNeverChanges()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin");
        await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin, """{"name":"Roads"}""");
        var again = await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", admin, """{"name":"roads"}""");
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("id", again.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Contains("name", again.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var renamed = await client.StaffAsync(HttpMethod.Patch, "/api/v1/teams/roads", admin, """{"id":"streets"}""");
        Assert.Equal(HttpStatusCode.BadRequest, renamed.Status);
        Assert.Single(await app.Get<TeamStore>().ListAsync());
    }

    [Fact]
    public async Task StaffReadTeamsButOnlyAdminsChangeThem()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var create = await client.StaffAsync(HttpMethod.Post, "/api/v1/teams", staff, """{"name":"Roads"}""");
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.StaffGetAsync("/api/v1/teams", await app.KeyAsync("client"))).Status);
        Assert.Empty(await app.Get<TeamStore>().ListAsync());
    }
}
