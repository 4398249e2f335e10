using System.Net;

namespace Open311.Tests;

// CONTRACT §11: status_detail set by staff, status following from it, shown with extensions=true, filtered on the staff side.
public class StatusDetailTests
{
    static Task<Reply> Patch(HttpClient client, string id, string staff, string json) =>
        client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, json);

    static async Task<(string Status, string? Detail, string? DuplicateOf, string? Parent)> PublicAsync(HttpClient client, string id, string format)
    {
        var reply = await client.FetchAsync($"/open311/v2/requests/{id}.{format}?extensions=true");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        if (format == "json")
        {
            var r = reply.Json[0];
            string? Opt(string name) => r.TryGetProperty(name, out var v) ? v.GetString() : null;
            return (r.GetProperty("status").GetString()!, Opt("status_detail"), Opt("duplicate_of"), Opt("parent_service_request_id"));
        }
        var x = reply.Xml.Element("request")!;
        return ((string)x.Element("status")!, (string?)x.Element("status_detail"), (string?)x.Element("duplicate_of"),
            (string?)x.Element("parent_service_request_id"));
    }

    [Fact]
    public async Task StaffSetTheDetailAndTheStatusFollowsInBothFormats()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        var (original, _) = await client.CreatePotholeAsync(key);
        foreach (var format in Http.Formats) Assert.Equal(("open", "submitted", null, null), await PublicAsync(client, id, format));

        Assert.Equal(HttpStatusCode.OK, (await Patch(client, id, staff, """{"status_detail":"in_progress"}""")).Status);
        foreach (var format in Http.Formats) Assert.Equal(("open", "in_progress", null, null), await PublicAsync(client, id, format));

        var dup = await Patch(client, id, staff, $$"""{"status_detail":"duplicate","duplicate_of":"{{original}}"}""");
        Assert.Equal(HttpStatusCode.OK, dup.Status);
        Assert.Equal("duplicate", dup.Json.GetProperty("status_detail").GetString());
        foreach (var format in Http.Formats) Assert.Equal(("closed", "duplicate", original, original), await PublicAsync(client, id, format));
        // Closing by the detail leaves the public closed note, as closing by status does.
        var notes = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0].GetProperty("notes");
        Assert.Contains(notes.EnumerateArray(), n => n.GetProperty("type").GetString() == "closed");

        // status alone: reopening is reopened, and a duplicate no longer names an original.
        Assert.Equal(HttpStatusCode.OK, (await Patch(client, id, staff, """{"status":"open"}""")).Status);
        foreach (var format in Http.Formats) Assert.Equal(("open", "reopened", null, null), await PublicAsync(client, id, format));
        Assert.Equal(HttpStatusCode.OK, (await Patch(client, id, staff, """{"status":"closed"}""")).Status);
        foreach (var format in Http.Formats) Assert.Equal(("closed", "closed", null, null), await PublicAsync(client, id, format));

        // Without extensions the fields are not there.
        var plain = await client.FetchAsync($"/open311/v2/requests/{id}.xml");
        Assert.Null(plain.Xml.Element("request")!.Element("status_detail"));
    }

    [Theory]
    [InlineData("""{"status_detail":"fixed","status":"open"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"status_detail":"mended"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"status_detail":"fixed","duplicate_of":"26-00000001"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"status_detail":"duplicate","duplicate_of":"99-99999999"}""", HttpStatusCode.NotFound)]
    public async Task AWrongDetailChangesNothing(string json, HttpStatusCode status)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        var before = await client.StaffGetAsync($"/api/v1/requests/{id}", staff);
        var reply = await Patch(client, id, staff, json);
        Assert.Equal(status, reply.Status);
        Assert.True(reply.IsProblem());
        var after = await client.StaffGetAsync($"/api/v1/requests/{id}", staff);
        Assert.Equal(before.Body, after.Body);
    }

    [Fact]
    public async Task StaffFilterOnTheDetail()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add((await client.CreatePotholeAsync(key)).Id);
        await Patch(client, ids[1], staff, """{"status_detail":"action_scheduled"}""");
        await Patch(client, ids[2], staff, """{"status_detail":"not_councils_responsibility"}""");
        await Patch(client, ids[3], staff, """{"status_detail":"action_scheduled"}""");

        var scheduled = await client.StaffGetAsync("/api/v1/requests?status_detail=action_scheduled", staff);
        Assert.Equal(HttpStatusCode.OK, scheduled.Status);
        Assert.Equal([ids[1], ids[3]], scheduled.Ids().Order());
        var both = await client.StaffGetAsync("/api/v1/requests?status_detail=submitted,not_councils_responsibility", staff);
        Assert.Equal([ids[0], ids[2]], both.Ids().Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.StaffGetAsync("/api/v1/requests?status_detail=mended", staff)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.StaffGetAsync("/api/v1/requests?status_detail=submitted", key)).Status);
    }
}
