using System.Net;

namespace Open311.Tests;

// CONTRACT §9: several instances share one database; request numbers never collide.
public class ConcurrentCreationTests
{
    [Fact]
    public async Task TwoInstancesCreatingAtOnceGiveEveryRequestItsOwnNumber()
    {
        var database = TestDatabase.Create();
        await using var first = new Open311App(database: database);
        await using var second = new Open311App(database: database.Shared());
        var key = await first.KeyAsync(perMinute: 100_000);
        var clients = new[] { first.CreateClient(), second.CreateClient() };

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => clients[i % 2].CreatePotholeAsync(key)));

        var ids = created.Select(c => c.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(n => $"26-{n:00000000}"), ids.Order());
        Assert.Equal(40, created.Select(c => c.Token).Distinct().Count());
        foreach (var client in clients)
        {
            var listed = await client.FetchAsync($"/open311/v2/requests.json?per_page=100&service_request_id={string.Join(",", ids)}");
            Assert.Equal(HttpStatusCode.OK, listed.Status);
            Assert.Equal(40, listed.Json.GetArrayLength());
        }
    }
}
