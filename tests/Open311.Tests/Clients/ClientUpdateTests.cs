using System.Net;

namespace Open311.Tests;

// CONTRACT §11: POST servicerequestupdates, a resident's comment sent on by FixMyStreet.
public class ClientUpdateTests
{
    static List<(string, string)> Comment(string key, string id, string updateId, params (string, string)[] more)
    {
        var fields = new List<(string, string)>
        {
            ("api_key", key), ("service_request_id", id), ("update_id", updateId), ("updated_datetime", "2026-11-01T12:00:00Z"),
            ("status", "OPEN"), ("description", "Still there this morning"), ("first_name", "Ada"), ("last_name", "Lovelace"),
            ("email", "ada@example.org"), ("phone", "555-0100"),
        };
        foreach (var (name, value) in more) { fields.RemoveAll(f => f.Item1 == name); fields.Add((name, value)); }
        return fields;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ACommentPostedTwiceIsStoredOnceAndAnsweredWithTheSameId(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        var start = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var first = await client.PostFormAsync($"/open311/v2/servicerequestupdates.{format}", Comment(key, id, "fms-77"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var again = await client.PostFormAsync($"/open311/v2/servicerequestupdates.{format}", Comment(key, id, "fms-77"));
        Assert.Equal(first.Body, again.Body);
        var updateId = format == "json" ? first.Json[0].GetProperty("update_id").GetString()!
            : (string)first.Xml.Element("request_update")!.Element("update_id")!;

        var record = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json;
        Assert.Single(record.GetProperty("notes").EnumerateArray(), n => n.GetProperty("description").GetString() == "Still there this morning");
        // The comment is in the feed under the id the POST answered, and the contact fields are nowhere public.
        var feed = await client.FetchAsync($"/open311/v2/servicerequestupdates.json?start_date={Uri.EscapeDataString(start.ToString("yyyy-MM-ddTHH:mm:ssZ"))}", key);
        var mine = Assert.Single(feed.Json.EnumerateArray(), u => u.GetProperty("update_id").GetString() == updateId);
        Assert.Equal("Still there this morning", mine.GetProperty("description").GetString());
        var page = await client.FetchAsync($"/open311/v2/requests/{id}.xml?extensions=true");
        foreach (var secret in new[] { "Ada", "Lovelace", "ada@example.org", "555-0100" })
        {
            Assert.DoesNotContain(secret, feed.Body);
            Assert.DoesNotContain(secret, page.Body);
        }
        // Another key's update_id of the same text is another update.
        var other = await app.KeyAsync(name: "other app");
        var theirs = await client.PostFormAsync($"/open311/v2/servicerequestupdates.{format}", Comment(other, id, "fms-77"));
        Assert.NotEqual(first.Body, theirs.Body);
    }

    [Fact]
    public async Task AClientReopensOnlyWhereTheSettingAllowsIt()
    {
        foreach (var mayReopen in new[] { false, true })
        {
            await using var app = new Open311App(new() { ["Open311:ClientUpdates:MayReopen"] = mayReopen ? "true" : "false" });
            var client = app.CreateClient();
            var key = await app.KeyAsync();
            var staff = await app.KeyAsync("staff");
            var (id, _) = await client.CreatePotholeAsync(key);
            await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status_detail":"fixed"}""");
            var reply = await client.PostFormAsync("/open311/v2/servicerequestupdates.json", Comment(key, id, "u1", ("status", "OPEN")));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var status = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json.GetProperty("status_detail").GetString();
            Assert.Equal(mayReopen ? "reopened" : "fixed", status);
        }
    }

    [Theory]
    [InlineData("service_request_id", "99-99999999", HttpStatusCode.NotFound)]
    [InlineData("status", "MENDED", HttpStatusCode.BadRequest)]
    [InlineData("update_id", "", HttpStatusCode.BadRequest)]
    [InlineData("media_url", "ftp://x", HttpStatusCode.BadRequest)]
    public async Task ABadCommentStoresNothing(string field, string value, HttpStatusCode status)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        var before = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Body;
        var reply = await client.PostFormAsync("/open311/v2/servicerequestupdates.xml", Comment(key, id, "u1", (field, value)));
        Assert.Equal(status, reply.Status);
        Assert.Equal(Http.Xml, reply.ContentType);
        Assert.Equal(before, (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFormAsync("/open311/v2/servicerequestupdates.xml",
            Comment(key, id, "u1").Where(f => f.Item1 != "api_key"))).Status);
    }
}
