using System.Net;
using System.Text.Json;

namespace Open311.Tests;

public class StaffRequestsTests
{
    [Fact]
    public async Task StaffSeeEverythingIncludingPersonalFields()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(await app.KeyAsync(),
            ("email", "jo@example.org"), ("phone", "512-555-0100"), ("first_name", "Jo"), ("last_name", "Doe"),
            ("device_id", "dev-1"), ("account_id", "acct-9"));
        var reply = await client.StaffGetAsync($"/api/v1/requests/{id}", await app.KeyAsync("staff"));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("\"1\"", reply.Header("ETag"));
        Assert.Equal("no-store", reply.Header("Cache-Control"));
        var r = reply.Json;
        Assert.Equal(token, r.GetProperty("token").GetString());
        Assert.Equal("jo@example.org", r.GetProperty("email").GetString());
        Assert.Equal("512-555-0100", r.GetProperty("phone").GetString());
        Assert.Equal("Doe", r.GetProperty("last_name").GetString());
        Assert.Equal("acct-9", r.GetProperty("account_id").GetString());
        Assert.Equal("large", r.GetProperty("details").GetProperty("POTHSIZE")[0].GetString());
        Assert.Equal("opened", r.GetProperty("notes")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffGetAsync("/api/v1/requests/26-99999999", await app.KeyAsync("staff"))).Status);
    }

    [Fact]
    public async Task ClosingIsVisiblePubliclyAtOnceWithANoteAndANewUpdatedDatetime()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff", name: "Dana at 311");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        app.Clock.Advance(TimeSpan.FromHours(2));
        var sync = "/open311/v2/requests.json?updated_after=2026-11-01T13:00:00Z&order=updated_datetime&extensions=true";
        Assert.Equal(0, (await client.FetchAsync(sync)).Json.GetArrayLength());

        var patch = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff,
            """{"status":"closed","status_notes":"Filled the pothole","agency_responsible":"Public Works","expected_datetime":"2026-11-02T17:00:00Z"}""",
            ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal("\"2\"", patch.Header("ETag"));
        Assert.Equal(2, patch.Json.GetProperty("version").GetInt64());

        var seen = (await client.FetchAsync(sync)).Json;
        var request = Assert.Single(seen.EnumerateArray());
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal("Filled the pothole", request.GetProperty("status_notes").GetString());
        Assert.Equal("Public Works", request.GetProperty("agency_responsible").GetString());
        Assert.Equal("2026-11-02T17:00:00Z", request.GetProperty("expected_datetime").GetString());
        Assert.Equal("2026-11-01T14:00:00Z", request.GetProperty("updated_datetime").GetString());
        var closing = request.GetProperty("notes").EnumerateArray().Last();
        Assert.Equal("closed", closing.GetProperty("type").GetString());
        Assert.Equal("Filled the pothole", closing.GetProperty("description").GetString());
        Assert.Equal(1, (await client.FetchAsync($"/open311/v2/requests.json?q=filled")).Json.GetArrayLength());

        var reopen = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status":"open","expected_datetime":null}""");
        Assert.Equal(HttpStatusCode.OK, reopen.Status);
        var notes = reopen.Json.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("type").GetString()).ToList();
        Assert.Equal(["opened", "closed", "activity"], notes);
        Assert.Equal(JsonValueKind.Null, reopen.Json.GetProperty("expected_datetime").ValueKind);

        var history = (await client.StaffGetAsync($"/api/v1/requests/{id}/history", staff)).Json.EnumerateArray().ToList();
        Assert.Equal(["created", "closed", "reopened"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("Dana at 311", history[1].GetProperty("key_name").GetString());
        Assert.Equal("2026-11-01T14:00:00Z", history[1].GetProperty("at").GetString());
        Assert.Equal("test app", history[0].GetProperty("key_name").GetString());
    }

    [Fact]
    public async Task AStaleIfMatchIs412AndChangesNothing()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var etag = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Header("ETag");
        Assert.Equal(HttpStatusCode.Created, (await client.AddNoteAsync(id, staff, "Someone else got here first", isPublic: false)).Status);

        var stale = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status":"closed"}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.True(stale.IsProblem());
        var note = await client.StaffAsync(HttpMethod.Post, $"/api/v1/requests/{id}/notes", staff, """{"description":"x"}""", ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, note.Status);
        var photo = await client.PostPhotoAsync(id, staff, TestImages.Jpeg(), ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, photo.Status);
        Assert.Empty(app.PhotoFiles);

        var now = await client.StaffGetAsync($"/api/v1/requests/{id}", staff);
        Assert.Equal("open", now.Json.GetProperty("status").GetString());
        Assert.Equal(2, now.Json.GetProperty("notes").GetArrayLength());
        Assert.Equal("\"2\"", now.Header("ETag"));
        var fresh = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status":"closed"}""", ifMatch: now.Header("ETag"));
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal("\"3\"", fresh.Header("ETag"));
    }

    [Fact]
    public async Task EveryChangeIncrementsTheVersionAndMovesUpdatedDatetime()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var steps = new Func<Task<Reply>>[]
        {
            () => client.AddNoteAsync(id, staff, "Private", isPublic: false),
            () => client.AddNoteAsync(id, staff, "Public", isPublic: true),
            () => client.PostPhotoAsync(id, staff, TestImages.Jpeg(), isPublic: true),
            () => client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"service_notice":"Crews are busy"}"""),
            () => client.StaffAsync(HttpMethod.Delete, $"/api/v1/requests/{id}/photos/1", staff),
        };
        for (var i = 0; i < steps.Length; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var reply = await steps[i]();
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent, reply.Body);
            Assert.Equal($"\"{i + 2}\"", reply.Header("ETag"));
            var updated = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0].GetProperty("updated_datetime").GetString();
            Assert.Equal(Open311App.Start.AddMinutes(10 * (i + 1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), updated);
        }
        var history = (await client.StaffGetAsync($"/api/v1/requests/{id}/history", staff)).Json.EnumerateArray()
            .Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Equal(["created", "note added", "note added", "photo added", "updated", "photo removed"], history);
    }

    [Theory]
    [InlineData("""{"status":"done"}""", "status")]
    [InlineData("""{"expected_datetime":"next week"}""", "expected_datetime")]
    [InlineData("""{"description":"rewritten"}""", "description")]
    [InlineData("""{}""", "body")]
    [InlineData("""{"agency_responsible":7}""", "agency_responsible")]
    public async Task ABadPatchIsAValidationProblem(string json, string field)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var reply = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", await app.KeyAsync("staff"), json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.IsProblem());
        Assert.Contains(field, reply.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ANoteNeedsADescriptionAndAKnownRequest()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var empty = await client.StaffAsync(HttpMethod.Post, $"/api/v1/requests/{id}/notes", staff, """{"public":"yes"}""");
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["description", "public"], empty.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var unknown = await client.AddNoteAsync("26-99999999", staff, "x", isPublic: true);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        var form = await client.PostFormAsync($"/api/v1/requests/{id}/notes", [("description", "x")], staff);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.Status);
        Assert.True(form.IsProblem());
    }
}
