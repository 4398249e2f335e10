using System.Net;
using Dapper;

namespace Open311.Tests;

// Personal fields, private notes and private photos never appear on any public call: checked over many
// generated requests, in both formats, with and without extensions.
public class PublicPrivacyTests
{
    sealed record Made(string Id, string Token, List<string> Secrets, List<string> PublicNotes);

    [Theory]
    [InlineData(20261101)]
    [InlineData(311)]
    public async Task NothingPrivateReachesThePublicApi(int seed)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var resident = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var random = new Random(seed);
        string Word(string kind) => $"{kind}{random.Next(100_000, 999_999)}x";

        var made = new List<Made>();
        for (var i = 0; i < 25; i++)
        {
            var secrets = new List<string>();
            var personal = new List<(string, string)>();
            foreach (var field in new[] { "email", "phone", "first_name", "last_name", "device_id", "account_id" })
            {
                if (random.Next(3) == 0) continue;
                var value = Word("secret");
                secrets.Add(value);
                personal.Add((field, field == "email" ? $"{value}@example.org" : value));
            }
            var (id, token) = await client.CreatePotholeAsync(resident, [.. personal]);
            var publicNotes = new List<string>();
            for (var n = random.Next(4); n > 0; n--)
            {
                var isPublic = random.Next(2) == 0;
                var text = Word(isPublic ? "pubnote" : "privnote");
                (isPublic ? publicNotes : secrets).Add(text);
                var summary = isPublic ? null : Word("privsummary");
                if (summary is not null) secrets.Add(summary);
                Assert.Equal(HttpStatusCode.Created, (await client.AddNoteAsync(id, staff, $"Crew note {text}", isPublic, summary)).Status);
            }
            if (random.Next(3) == 0)
            {
                var title = Word("privtitle");
                secrets.Add(title);
                Assert.Equal(HttpStatusCode.Created, (await client.PostPhotoAsync(id, staff, TestImages.Jpeg(), isPublic: false, title: title)).Status);
            }
            if (random.Next(3) == 0)
                Assert.Equal(HttpStatusCode.Created, (await client.PostPhotoAsync(id, staff, TestImages.Png(), isPublic: true, title: "Public view")).Status);
            if (random.Next(4) == 0)
                await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff, """{"status":"closed","status_notes":"Done"}""");
            made.Add(new Made(id, token, secrets, publicNotes));
        }

        await using (var connection = await app.Get<Database>().OpenAsync())
            made[0].Secrets.AddRange(await connection.QueryAsync<string>("SELECT file_name FROM request_photos WHERE public = @no", new { no = false }));
        var allSecrets = made.SelectMany(m => m.Secrets).ToList();
        Assert.True(allSecrets.Count > 40, "the generator made too few private values to test with");

        var calls = new List<(string Url, bool Extensions)>();
        foreach (var format in Http.Formats)
        {
            foreach (var extensions in new[] { false, true })
            {
                var ext = extensions ? "&extensions=true" : "";
                calls.Add(($"/open311/v2/requests.{format}?per_page=100{ext}", extensions));
                calls.Add(($"/open311/v2/requests.{format}?per_page=100&order=updated_datetime&updated_after=2026-10-01{ext}", extensions));
                calls.Add(($"/open311/v2/requests.{format}?service_request_id={string.Join(',', made.Select(m => m.Id))}{ext}", extensions));
                calls.AddRange(made.Select(m => ($"/open311/v2/requests/{m.Id}.{format}?{ext}", extensions)));
            }
            calls.AddRange(made.Select(m => ($"/open311/v2/tokens/{m.Token}.{format}", false)));
        }
        foreach (var (url, extensions) in calls)
            // A token resolves only for the key that made the request (CONTRACT §7).
            foreach (var key in url.Contains("/tokens/") ? [resident] : new[] { null, resident })
            {
                var reply = await client.FetchAsync(url, key);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                var leaked = allSecrets.FirstOrDefault(s => reply.Body.Contains(s, StringComparison.OrdinalIgnoreCase));
                Assert.True(leaked is null, $"seed {seed}: {url} shows the private value {leaked}");
                if (url.Contains("/tokens/")) continue;
                var mine = url.Contains("/requests/") ? made.Where(m => url.Contains(m.Id)) : made;
                foreach (var note in mine.SelectMany(m => m.PublicNotes))
                    Assert.True(reply.Body.Contains(note) == extensions, $"seed {seed}: {url} and the public note {note}");
            }

        // Private notes are not in the full-text index either.
        Assert.Equal(0, (await client.FetchAsync("/open311/v2/requests.json?q=privnote")).Json.GetArrayLength());
        Assert.Equal(made.Count(m => m.PublicNotes.Count > 0),
            (await client.FetchAsync("/open311/v2/requests.json?per_page=100&q=crew")).Json.GetArrayLength());
    }
}
