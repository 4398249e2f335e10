using System.Net;
using System.Text.Json;

namespace Open311.Tests;

// Austin's own pipeline (cityofaustin/dts-311-reporting): Bearer key,
// order=updated_datetime&updated_after=T&per_page=N&page=1,2,... until an empty page. Requests are
// created and updated between its pages, those it already read included; it must still see every
// request updated after T, and none twice in one pass.
public class SyncPipelineTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    public async Task APassSeesEveryRequestUpdatedAfterTOnceWhileOthersChange(int perPage)
    {
        await using var app = new Open311App();
        var pipeline = await app.KeyAsync(name: "socrata pipeline");
        var staff = await app.KeyAsync("staff");
        var resident = await app.KeyAsync();
        var client = app.CreateClient();
        var random = new Random(perPage);

        // Three days of history, one request an hour; T is the start of the third day.
        var all = new List<string>();
        for (var hour = 0; hour < 72; hour++)
        {
            app.Clock.SetUtcNow(Open311App.Start.AddHours(hour));
            all.Add((await client.CreatePotholeAsync(resident, ("description", $"hour {hour}"))).Id);
        }
        var t = Open311App.Start.AddHours(48);
        // Some older requests were updated after T too.
        foreach (var id in all.Take(10))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await UpdateAsync(client, staff, id, random);
        }
        var expected = all.Skip(48).Concat(all.Take(10)).ToHashSet();

        var seen = new List<string>();
        var after = Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        for (var page = 1; ; page++)
        {
            var reply = await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={after}&per_page={perPage}&page={page}", bearer: pipeline);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var ids = reply.Ids();
            if (ids.Count == 0) break;
            seen.AddRange(ids);
            Assert.True(page < 100, "the pass does not end");

            // Between pages: requests it already read are updated, others too, and new ones arrive.
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await UpdateAsync(client, staff, seen[random.Next(seen.Count)], random);
            await UpdateAsync(client, staff, seen[random.Next(seen.Count)], random);
            await UpdateAsync(client, staff, all[random.Next(all.Count)], random);
            if (page < 8) await client.CreatePotholeAsync(resident, ("description", $"during page {page}"));
        }

        Assert.Empty(expected.Except(seen));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    static async Task UpdateAsync(HttpClient client, string staff, string id, Random random)
    {
        var reply = random.Next(2) == 0
            ? await client.AddNoteAsync(id, staff, "Crew scheduled", isPublic: true)
            : await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", staff,
                JsonSerializer.Serialize(new { status_notes = $"checked {random.Next()}" }));
        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created, reply.Body);
    }

    [Fact]
    public async Task InTheSyncOrderARequestKeepsItsPlaceWhenUpdatedAgain()
    {
        await using var app = new Open311App();
        var staff = await app.KeyAsync("staff");
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var first = (await client.CreatePotholeAsync(key)).Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await client.CreatePotholeAsync(key)).Id;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await UpdateAsync(client, staff, first, new Random(1));
        var after = Uri.EscapeDataString(Open311App.Start.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        var reply = await client.FetchAsync($"/open311/v2/requests.json?order=updated_datetime&updated_after={after}");
        Assert.Equal([first, second], reply.Ids());
        // its updated_datetime shows its latest update
        Assert.Equal("2026-11-01T12:02:00Z", reply.Json[0].GetProperty("updated_datetime").GetString());
        // a pass that starts after the first creation sees it at its update
        var later = Uri.EscapeDataString(Open311App.Start.AddSeconds(30).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        Assert.Equal([second, first], (await client.FetchAsync($"/open311/v2/requests.xml?order=updated_datetime&updated_after={later}")).Ids());
    }
}
