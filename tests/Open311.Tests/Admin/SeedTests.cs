using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;

namespace Open311.Tests;

// `seed --requests N`: made-up requests, read back through the public API as a client would.
public class SeedTests
{
    const int Count = 600;
    static readonly TimeSpan TwoYears = TimeSpan.FromDays(730);

    static async Task<Open311App> SeededAsync(int count = Count, int seed = 7)
    {
        var app = new Open311App();
        app.CreateClient(); // starts the server: migrations and the demo catalog
        await app.Get<Seeder>().SeedAsync(count, seed, progress: null, CancellationToken.None);
        return app;
    }

    // Every request of the last two years, window by window (a search spans at most 90 days).
    static async Task<List<JsonElement>> EveryRequestAsync(Open311App app, HttpClient client)
    {
        var all = new List<JsonElement>();
        var now = app.Clock.GetUtcNow();
        for (var from = now - TwoYears - TimeSpan.FromDays(1); from < now; from += TimeSpan.FromDays(90))
        {
            var to = from + TimeSpan.FromDays(90) - TimeSpan.FromMilliseconds(1);
            for (var page = 1; ; page++)
            {
                var reply = await client.FetchAsync($"/open311/v2/requests.json?start_date={Iso(from)}&end_date={Iso(to)}&per_page=100&page={page}");
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                var items = reply.Json.EnumerateArray().ToList();
                if (items.Count == 0) break;
                all.AddRange(items);
            }
        }
        return all;
    }

    static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));

    [Fact]
    public async Task SeedAddsNRequestsOverTwoYearsWithIdsNumberedWithinEachYear()
    {
        await using var app = await SeededAsync();
        var all = await EveryRequestAsync(app, app.CreateClient());

        Assert.Equal(Count, all.Count);
        var ids = all.Select(r => r.GetProperty("service_request_id").GetString()!).ToList();
        Assert.Equal(Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9]{2}-[0-9]{8}$", id));
        // Numbered 1, 2, 3... within each year, and the sequence goes on from there for the next creation.
        foreach (var year in ids.GroupBy(id => id[..2]))
            Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(id => int.Parse(id[3..])).Order());
        var key = await app.KeyAsync();
        var (created, _) = await app.CreateClient().CreatePotholeAsync(key);
        var thisYear = ids.Where(id => id[..2] == created[..2]).Select(id => int.Parse(id[3..])).DefaultIfEmpty(0).Max();
        Assert.Equal($"{created[..2]}-{thisYear + 1:00000000}", created);

        Assert.Equal(Count, all.Select(r => r.GetProperty("token").GetString()).Distinct().Count());
        Assert.True(all.Select(r => r.GetProperty("service_code").GetString()).Distinct().Count() >= 10, "a mix of services");
        Assert.All(all, r =>
        {
            Assert.InRange(r.GetProperty("lat").GetDouble(), 30.0, 30.6);
            Assert.InRange(r.GetProperty("long").GetDouble(), -98.0, -97.5);
            Assert.Matches(", Austin, TX 787[0-9]{2}$", r.GetProperty("address").GetString()!);
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("description").GetString()));
        });
        // Older requests are mostly closed; the last weeks' mostly open.
        var now = app.Clock.GetUtcNow();
        DateTimeOffset Requested(JsonElement r) => DateTimeOffset.Parse(r.GetProperty("requested_datetime").GetString()!);
        var old = all.Where(r => Requested(r) < now.AddDays(-60)).ToList();
        Assert.True(old.Count(r => r.GetProperty("status").GetString() == "closed") > 0.9 * old.Count);
        var recent = all.Where(r => Requested(r) > now.AddDays(-10)).ToList();
        Assert.True(recent.Count(r => r.GetProperty("status").GetString() == "open") >= 0.5 * recent.Count);
    }

    [Fact]
    public async Task SeededAnswersAreValidForEachServiceAndClosedRequestsHaveAClosedNote()
    {
        await using var app = await SeededAsync(200);
        var client = app.CreateClient();
        var sample = (await client.FetchAsync("/open311/v2/requests.json?per_page=100&extensions=true")).Json.EnumerateArray().ToList();
        Assert.NotEmpty(sample);
        foreach (var request in sample)
        {
            var code = request.GetProperty("service_code").GetString()!;
            var definition = (await client.FetchAsync($"/open311/v2/services/{code}.json")).Json;
            foreach (var attribute in definition.GetProperty("attributes").EnumerateArray().Where(a => a.GetProperty("variable").GetBoolean()))
            {
                var name = attribute.GetProperty("code").GetString()!;
                var present = request.GetProperty("details").TryGetProperty(name, out var answer);
                if (attribute.GetProperty("required").GetBoolean()) Assert.True(present, $"{code} {name} is required");
                if (!present || attribute.GetProperty("values").GetArrayLength() == 0) continue;
                var keys = attribute.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()).ToHashSet();
                var given = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray().Select(v => v.GetString()).ToList() : [answer.GetString()];
                Assert.All(given, v => Assert.Contains(v, keys));
            }
            var notes = request.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("type").GetString()).ToList();
            Assert.Equal("opened", notes[0]);
            Assert.Equal(request.GetProperty("status").GetString() == "closed", notes.Contains("closed"));
        }
    }

    [Fact]
    public async Task QAndUpdatedAfterFindSeededRequests()
    {
        await using var app = await SeededAsync();
        var client = app.CreateClient();

        var potholes = (await client.FetchAsync("/open311/v2/requests.json?q=pothole&per_page=100")).Json.EnumerateArray().ToList();
        Assert.NotEmpty(potholes);
        Assert.All(potholes, r => Assert.Contains("pothole",
            (r.GetProperty("description").GetString() + " " + r.GetProperty("service_name").GetString()).ToLowerInvariant()));

        // A sync pass from ten days ago sees, once each, exactly the requests changed since.
        var after = app.Clock.GetUtcNow().AddDays(-10);
        var seen = new List<string>();
        for (var page = 1; ; page++)
        {
            var ids = (await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={Iso(after)}&per_page=50&page={page}")).Ids();
            if (ids.Count == 0) break;
            seen.AddRange(ids);
        }
        await using var connection = await app.Get<Database>().OpenAsync();
        var changed = (await connection.QueryAsync<string>("SELECT service_request_id FROM requests WHERE updated_at >= @at",
            new { at = after.ToUnixTimeMilliseconds() })).ToHashSet();
        Assert.NotEmpty(changed);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(changed.Order(), seen.Order());
    }

    [Fact]
    public async Task SeededPrivateNotesStayPrivate()
    {
        await using var app = await SeededAsync();
        var client = app.CreateClient();
        await using var connection = await app.Get<Database>().OpenAsync();
        var withPrivate = (await connection.QueryAsync<(string Id, string Text)>(
            """
            SELECT r.service_request_id, n.description FROM request_notes n JOIN requests r ON r.id = n.request_id
            WHERE n.public = @no AND n.description LIKE '%upervisor%' ORDER BY r.id DESC LIMIT 5
            """, new { no = false })).ToList();
        Assert.NotEmpty(withPrivate);

        var staff = await app.KeyAsync("staff");
        foreach (var (id, text) in withPrivate)
        {
            var reply = await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.DoesNotContain(text, reply.Body);
            Assert.DoesNotContain("upervisor", reply.Body);
            Assert.Contains(text, (await client.FetchAsync($"/api/v1/requests/{id}", bearer: staff)).Body);
        }
        // Words written only in private notes are not searchable.
        var now = app.Clock.GetUtcNow();
        for (var from = now - TwoYears; from < now; from += TimeSpan.FromDays(90))
            Assert.Empty((await client.FetchAsync($"/open311/v2/requests.json?q=supervisor&start_date={Iso(from)}&end_date={Iso(from.AddDays(89))}")).Ids());
    }

    [Fact]
    public async Task TheSameSeedAndClockMakeTheSameRequests()
    {
        async Task<string> BodyAsync(int seed)
        {
            await using var app = await SeededAsync(50, seed);
            return (await app.CreateClient().FetchAsync("/open311/v2/requests.json?per_page=100&extensions=true")).Body;
        }
        var first = await BodyAsync(3);
        Assert.Equal(first, await BodyAsync(3));
        Assert.NotEqual(first, await BodyAsync(4));
        Assert.Matches(new Regex("\"token\":\"[A-Za-z0-9_-]{24}\""), first);
    }
}
