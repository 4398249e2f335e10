using System.Net;
using System.Xml.Linq;

namespace Open311.Tests;

// CONTRACT §11: GET servicerequestupdates, in the XML shape FixMyStreet's parser reads, exactly as complete as the sync.
public class UpdatesFeedTests
{
    static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ"));

    static Task<Reply> Patch(HttpClient client, string id, string staff, string json) =>
        client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, json);

    [Fact]
    public async Task TheFeedHoldsExactlyTheRequestsTheSyncHoldsOverABusyWindow()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) { app.Clock.Advance(TimeSpan.FromMinutes(1)); ids.Add((await client.CreatePotholeAsync(key)).Id); }
        var from = app.Clock.GetUtcNow().AddSeconds(30);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        // Inside the window: public and private notes, status changes, a photo, new requests; several changes in one millisecond.
        await client.AddNoteAsync(ids[1], staff, "Crew booked", isPublic: true);
        await client.AddNoteAsync(ids[2], staff, "internal only", isPublic: false);
        await Patch(client, ids[3], staff, """{"status_detail":"in_progress"}""");
        await Patch(client, ids[3], staff, """{"status_detail":"fixed","status_notes":"Filled"}""");
        await client.PostPhotoAsync(ids[4], staff, TestImages.Jpeg(), isPublic: true);
        ids.Add((await client.CreatePotholeAsync(key)).Id);

        // The sync is read page by page, with changes between its pages.
        var sync = new List<string>();
        var to = app.Clock.GetUtcNow().AddMinutes(30);
        for (var page = 1; ; page++)
        {
            var got = (await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={At(from)}&updated_before={At(to)}&per_page=2&page={page}")).Ids();
            if (got.Count == 0) break;
            sync.AddRange(got);
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            await client.AddNoteAsync(ids[page % 6 + 5], staff, $"visit {page}", isPublic: page % 2 == 0);
        }
        var feed = await client.FetchAsync($"/open311/v2/servicerequestupdates.xml?start_date={At(from)}&end_date={At(to)}", key);
        Assert.Equal(HttpStatusCode.OK, feed.Status);
        var updates = feed.Xml.Elements("request_update").ToList();
        var sinceStart = (await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={At(from)}&updated_before={At(to)}&per_page=100")).Ids();
        Assert.Equal(sinceStart.Order(), updates.Select(u => (string)u.Element("service_request_id")!).Distinct().Order());
        Assert.Subset(sinceStart.ToHashSet(), sync.ToHashSet());
        Assert.Equal(updates.Count, updates.Select(u => (string)u.Element("update_id")!).Distinct().Count());
        Assert.DoesNotContain(ids[0], updates.Select(u => (string)u.Element("service_request_id")!));
    }

    [Fact]
    public async Task TheXmlIsMySocietysShapeAndTheJsonTheSameObjects()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var start = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Patch(client, id, staff, """{"status_detail":"in_progress","external_status_code":"WIP-7"}""");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.AddNoteAsync(id, staff, "Crew on the way", isPublic: true);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.AddNoteAsync(id, staff, "secret remark", isPublic: false);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostPhotoAsync(id, staff, TestImages.Jpeg(), isPublic: true);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Patch(client, id, staff, """{"status_detail":"fixed","status_notes":"Filled"}""");

        var xml = await client.FetchAsync($"/open311/v2/servicerequestupdates.xml?start_date={At(start)}&end_date={At(app.Clock.GetUtcNow())}", key);
        Assert.Equal(Http.Xml, xml.ContentType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_request_updates><request_update>", xml.Body);
        var updates = xml.Xml.Elements("request_update").ToList();
        Assert.Equal(["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "FIXED"], updates.Select(u => (string)u.Element("status")!));
        Assert.Equal(["", "Crew on the way", "", "", "Filled"], updates.Select(u => (string)u.Element("description")!));
        Assert.All(updates, u => Assert.Equal("WIP-7", (string)u.Element("external_status_code")!));
        Assert.Contains("/open311/media/", (string)updates[3].Element("media_url")!);
        Assert.DoesNotContain("secret", xml.Body);
        // FixMyStreet's parser: every element a leaf, the same fields on each update.
        Assert.All(updates, u => Assert.All(u.Elements(), e => Assert.False(e.HasElements)));
        Assert.All(updates, u => Assert.Equal(["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url", "external_status_code"],
            u.Elements().Select(e => e.Name.LocalName)));

        var json = await client.FetchAsync($"/open311/v2/servicerequestupdates.json?start_date={At(start)}&end_date={At(app.Clock.GetUtcNow())}", key);
        Assert.Equal(Http.Json, json.ContentType);
        Assert.Equal(updates.Select(u => (string)u.Element("update_id")!), json.Json.EnumerateArray().Select(u => u.GetProperty("update_id").GetString()!));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Json[0].GetProperty("description").ValueKind);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task TheFeedNeedsAKeyAndAWindowOfADayAtMost(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FetchAsync($"/open311/v2/servicerequestupdates.{format}")).Status);
        var wide = await client.FetchAsync($"/open311/v2/servicerequestupdates.{format}?start_date=2026-10-01T00:00:00Z&end_date=2026-10-02T01:00:00Z", key);
        Assert.Equal(HttpStatusCode.BadRequest, wide.Status);
        Assert.Contains("24 hours", Assert.Single(wide.Errors));
        // With no dates, the last hour: a request made now is there, one from two hours ago is not.
        var (old, _) = await client.CreatePotholeAsync(key);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var (recent, _) = await client.CreatePotholeAsync(key);
        var reply = await client.FetchAsync($"/open311/v2/servicerequestupdates.{format}", key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains(recent, reply.Body);
        Assert.DoesNotContain(old, reply.Body);
    }

    [Fact]
    public async Task TheNewCallsAreInTheOpenApiDocument()
    {
        await using var app = new Open311App();
        var doc = await app.CreateClient().FetchAsync("/openapi/v1.json");
        var paths = doc.Json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/open311/v2/servicerequestupdates.{format}", out var updates));
        Assert.True(updates.TryGetProperty("get", out _));
        Assert.True(updates.TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/requests").TryGetProperty("get", out _));
        Assert.Contains("status_detail", doc.Body);
    }
}
