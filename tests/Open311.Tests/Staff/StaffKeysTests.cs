using System.Net;

namespace Open311.Tests;

public class StaffKeysTests
{
    [Fact]
    public async Task AnAdminIssuesAKeyWhoseSecretIsShownOnceAndWorksAtOnce()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin", name: "Sam the admin");
        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/keys", admin, """{"name":"Neighbourhood app","role":"client","per_minute":120}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("no-store", created.Header("Cache-Control"));
        var secret = created.Json.GetProperty("secret").GetString()!;
        Assert.StartsWith(created.Json.GetProperty("key_prefix").GetString()!, secret);
        Assert.Equal(120, created.Json.GetProperty("per_minute").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(secret))).Status);

        var list = await client.StaffGetAsync("/api/v1/keys", admin);
        Assert.DoesNotContain(secret, list.Body);
        Assert.DoesNotContain("secret", list.Body);
        Assert.DoesNotContain("hash", list.Body);
        var listed = list.Json.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "Neighbourhood app");
        Assert.Equal("client", listed.GetProperty("role").GetString());
    }

    [Fact]
    public async Task AKeyCanBeRenamedPromotedAndRevokedAtOnce()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin");
        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/keys", admin, """{"name":"Helper"}""");
        var id = created.Json.GetProperty("id").GetInt64();
        var secret = created.Json.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await client.StaffGetAsync("/api/v1/services", secret)).Status);

        var promoted = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/keys/{id}", admin, """{"name":"Helper at 311","role":"staff","per_minute":null}""");
        Assert.Equal(HttpStatusCode.OK, promoted.Status);
        Assert.Equal("staff", promoted.Json.GetProperty("role").GetString());
        Assert.Equal("Helper at 311", promoted.Json.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.StaffGetAsync("/api/v1/services", secret)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await client.StaffAsync(HttpMethod.Delete, $"/api/v1/keys/{id}", admin)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.StaffGetAsync("/api/v1/services", secret)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FetchAsync("/open311/v2/services.json", secret)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffAsync(HttpMethod.Delete, $"/api/v1/keys/{id}", admin)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffAsync(HttpMethod.Patch, $"/api/v1/keys/{id}", admin, """{"name":"x"}""")).Status);
    }

    [Theory]
    [InlineData("""{"role":"client"}""", "name")]
    [InlineData("""{"name":"x","role":"root"}""", "role")]
    [InlineData("""{"name":"x","per_minute":0}""", "per_minute")]
    [InlineData("""{"name":"x","secret":"mine"}""", "secret")]
    public async Task ABadKeyIsAValidationProblem(string json, string field)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().StaffAsync(HttpMethod.Post, "/api/v1/keys", await app.KeyAsync("admin"), json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(field, reply.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task KeyChangesAreAuditedWithoutTheSecret()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var admin = await app.KeyAsync("admin", name: "Sam the admin");
        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/keys", admin, """{"name":"Audited"}""");
        var secret = created.Json.GetProperty("secret").GetString()!;
        await using var connection = await app.Get<Database>().OpenAsync();
        var rows = (await Dapper.SqlMapper.QueryAsync<(string Action, string KeyName, string Detail)>(connection,
            "SELECT action, key_name, detail FROM audit_log WHERE entity = 'key' AND entity_id = @id",
            new { id = created.Json.GetProperty("id").GetInt64().ToString() })).ToList();
        var entry = Assert.Single(rows);
        Assert.Equal(("created", "Sam the admin"), (entry.Action, entry.KeyName));
        Assert.DoesNotContain(secret, entry.Detail);
        Assert.DoesNotContain(app.Logs, line => line.Contains(secret));
    }
}
