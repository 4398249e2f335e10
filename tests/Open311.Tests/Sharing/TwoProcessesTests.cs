using System.Net;

namespace Open311.Tests;

// Two real server processes on loopback, one database, one Redis, behaving as one server.
public class TwoProcessesTests
{
    static Task<ServerProcess> StartAsync(TestDatabase database, string prefix) => ServerProcess.StartAsync(database, new Dictionary<string, string>
    {
        ["Open311__Redis"] = TestRedis.Address,
        ["Open311__RedisPrefix"] = $"test:{prefix}:",
        ["Open311__Photos__Folder"] = Path.Combine(Path.GetTempPath(), "open311-tests", prefix),
    });

    [RedisFact]
    public async Task TwoInstancesShareLimitsDataAndIdentifiers()
    {
        using var database = TestDatabase.Create();
        var prefix = Guid.NewGuid().ToString("N");
        // Both processes migrate the same new database; the first start loads the demo catalog.
        await using var one = await StartAsync(database, prefix);
        await using var two = await StartAsync(database, prefix);
        string key;
        await using (var admin = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString }))
            key = await admin.KeyAsync(perMinute: 20);
        var clients = new[] { one.Client, two.Client };

        // Windows are clock minutes: don't start a count in the last seconds of one.
        var second = DateTime.UtcNow.Second;
        if (second >= 50) await Task.Delay(TimeSpan.FromSeconds(61 - second));
        var replies = new List<Reply>();
        for (var i = 0; i < 30; i++) replies.Add(await clients[i % 2].FetchAsync("/open311/v2/services.json", bearer: key));
        Assert.Equal(20, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Skip(20), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));

        var creator = await AnotherKeyAsync(database);
        var created = await one.Client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(creator));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Json[0].GetProperty("service_request_id").GetString();
        var read = await two.Client.FetchAsync($"/open311/v2/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(id, read.Json[0].GetProperty("service_request_id").GetString());

        var many = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            clients[i % 2].PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(creator, ("description", $"concurrent {i}")))));
        Assert.All(many, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(60, many.Select(r => r.Json[0].GetProperty("service_request_id").GetString()).Distinct().Count());
        Assert.Equal(60, many.Select(r => r.Json[0].GetProperty("token").GetString()).Distinct().Count());
    }

    static async Task<string> AnotherKeyAsync(TestDatabase database)
    {
        await using var admin = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString });
        return await admin.KeyAsync(perMinute: 1000);
    }
}
