using System.Text.Json;

namespace Open311.Tests;

// Casework's named operations, called as the console and an admin command call them (no HTTP in between): each
// change is made with its audit row and a new version, or refused as a value (invalid with its rules, not found,
// stale) with nothing written.
public class CaseworkTests
{
    static readonly Actor Dana = new(null, "Dana at 311");

    [Fact]
    public async Task EachNamedOperationMakesOneAuditedChange()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var (id, _) = await client.CreatePotholeAsync(key);
        var (original, _) = await client.CreatePotholeAsync(key);
        var casework = app.Get<Casework>();

        var status = await casework.ChangeStatusAsync(id, IfMatch.Version(1), Dana, null, "in_progress", "  Crew booked ", "WO-7", default);
        Assert.Equal((ChangeStatus.Done, 2L), (status.Status, status.Version));
        Assert.Equal(ChangeStatus.Done, (await casework.SetAgencyAsync(id, IfMatch.Version(2), Dana, "Public Works", default)).Status);
        var expected = Open311App.Start.AddDays(3).ToUnixTimeMilliseconds();
        Assert.Equal(ChangeStatus.Done, (await casework.SetExpectedAsync(id, IfMatch.Any, Dana, expected, default)).Status);
        var note = await casework.AddNoteAsync(id, IfMatch.Version(4), Dana, "Cones placed", null, isPublic: false, default);
        Assert.Equal((ChangeStatus.Done, 5L, "Cones placed"), (note.Status, note.Version, note.Value!.Description));
        var duplicate = await casework.MarkDuplicateAsync(id, IfMatch.Version(5), Dana, original, null, default);
        Assert.Equal((ChangeStatus.Done, 6L), (duplicate.Status, duplicate.Version));

        var staff = await app.KeyAsync("staff");
        var request = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json;
        Assert.Equal("duplicate", request.GetProperty("status_detail").GetString());
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal(original, request.GetProperty("duplicate_of").GetString());
        Assert.Equal("Crew booked", request.GetProperty("status_notes").GetString());
        Assert.Equal("WO-7", request.GetProperty("external_status_code").GetString());
        Assert.Equal("Public Works", request.GetProperty("agency_responsible").GetString());
        Assert.Equal("2026-11-04T12:00:00Z", request.GetProperty("expected_datetime").GetString());
        var history = (await client.StaffGetAsync($"/api/v1/requests/{id}/history", staff)).Json.EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "updated", "updated", "note added", "closed"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.All(history.Skip(1), h => Assert.Equal("Dana at 311", h.GetProperty("key_name").GetString()));
    }

    [Fact]
    public async Task ARefusalIsAValueAndWritesNothing()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var casework = app.Get<Casework>();

        var bad = await casework.ChangeStatusAsync(id, IfMatch.Any, Dana, "pending", "fixed", null, new string('x', 101), default);
        Assert.Equal(ChangeStatus.Invalid, bad.Status);
        Assert.Equal([("status", Rules.NotAChoice), ("external_status_code", Rules.TooLong)], bad.Problems!.Select(p => (p.Field, p.Rule)));
        Assert.Equal(100, bad.Problems![1].Limit);
        Assert.Equal(Rules.Required, Assert.Single((await casework.AddNoteAsync(id, IfMatch.Any, Dana, "  ", null, true, default)).Problems!).Rule);
        var tooLong = await casework.AddNoteAsync(id, IfMatch.Any, Dana, new string('d', Submission.MaxDescription + 1), null, true, default);
        Assert.Equal((Rules.TooLong, (object?)Submission.MaxDescription), (tooLong.Problems![0].Rule, tooLong.Problems[0].Limit));
        Assert.Equal(Rules.Nothing, Assert.Single((await casework.ChangeStatusAsync(id, IfMatch.Any, Dana, null, null, null, null, default)).Problems!).Rule);

        // A part that is not there undoes the whole change; a stale version says the current one.
        var self = await casework.MarkDuplicateAsync(id, IfMatch.Any, Dana, id, "same", default);
        Assert.Equal(ChangeStatus.NotFound, self.Status);
        Assert.NotNull(self.Missing);
        Assert.Equal(ChangeStatus.NotFound, (await casework.SetAgencyAsync("26-99999999", IfMatch.Any, Dana, "Parks", default)).Status);
        Assert.Equal(ChangeStatus.NotFound, (await casework.RemovePhotoAsync(id, IfMatch.Any, Dana, 12345, default)).Status);
        var stale = await casework.SetAgencyAsync(id, IfMatch.Version(7), Dana, "Parks", default);
        Assert.Equal((ChangeStatus.Stale, 1L), (stale.Status, stale.Version));

        var staff = await app.KeyAsync("staff");
        var request = (await client.StaffGetAsync($"/api/v1/requests/{id}", staff)).Json;
        Assert.Equal(1, request.GetProperty("version").GetInt64());
        Assert.Equal("submitted", request.GetProperty("status_detail").GetString());
        Assert.Equal(JsonValueKind.Null, request.GetProperty("agency_responsible").ValueKind);
        Assert.Single(request.GetProperty("notes").EnumerateArray());
        Assert.Equal(["created"], (await client.StaffGetAsync($"/api/v1/requests/{id}/history", staff)).Json.EnumerateArray()
            .Select(h => h.GetProperty("action").GetString()));
    }
}
