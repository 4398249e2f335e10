using System.Net;

namespace Open311.Tests;

// With Open311:Redis set, instances count rate limits together and drop revoked keys together.
[Trait("Storage", "pinned")]
public class SharedLimitTests
{
    static (Open311App A, Open311App B) TwoInstances(Dictionary<string, string?>? settings = null)
    {
        var prefix = Guid.NewGuid().ToString("N");
        var a = new Open311App(TestRedis.Settings(prefix, settings));
        var b = new Open311App(TestRedis.Settings(prefix, new(settings ?? []) { ["Open311:Storage:ConnectionString"] = a.ConnectionString }));
        return (a, b);
    }

    [RedisFact]
    public async Task AKeysLimitHoldsAcrossInstances()
    {
        var (a, b) = TwoInstances();
        await using var _ = a;
        await using var __ = b;
        var key = await a.KeyAsync(perMinute: 6);
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        var replies = new List<Reply>();
        for (var i = 0; i < 10; i++) replies.Add(await clients[i % 2].FetchAsync("/open311/v2/services.json", bearer: key));
        Assert.Equal(6, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Skip(6), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        Assert.Equal(["5", "4", "3", "2", "1", "0"], replies.Take(6).Select(r => r.Header("RateLimit-Remaining")));
    }

    [RedisFact]
    public async Task AnonymousCallersShareTheirAllowanceAcrossInstancesToo()
    {
        var (a, b) = TwoInstances(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "3" });
        await using var _ = a;
        await using var __ = b;
        var statuses = new List<HttpStatusCode>();
        foreach (var app in new[] { a, b, a, b, a })
            statuses.Add((await app.CreateClient().FetchAsync("/open311/v2/services.xml")).Status);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [RedisFact]
    public async Task ConcurrentCallsOnTwoInstancesNeverExceedTheLimit()
    {
        var (a, b) = TwoInstances();
        await using var _ = a;
        await using var __ = b;
        var key = await a.KeyAsync(perMinute: 30);
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => clients[i % 2].FetchAsync("/open311/v2/services.json", bearer: key)));
        Assert.Equal(30, replies.Count(r => r.Status == HttpStatusCode.OK));
    }

    [RedisFact]
    public async Task ARevokedKeyIsRefusedAtOnceOnTheOtherInstance()
    {
        var (a, b) = TwoInstances();
        await using var _ = a;
        await using var __ = b;
        var key = await a.KeyAsync();
        var onB = b.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await onB.FetchAsync("/open311/v2/services.json", bearer: key)).Status); // cached on b
        var id = (await a.Get<KeyStore>().ListAsync()).Single().Id;
        await a.Get<KeyStore>().RevokeAsync(id, Actor.Command);
        var refused = false;
        for (var i = 0; i < 50 && !refused; i++) // the message crosses Redis asynchronously: well under a second
        {
            refused = (await onB.FetchAsync("/open311/v2/services.json", bearer: key)).Status == HttpStatusCode.Forbidden;
            if (!refused) await Task.Delay(20);
        }
        Assert.True(refused);
    }

    [RedisFact]
    public async Task TheResidentSitesHourlyReportLimitHoldsAcrossInstances()
    {
        var (a, b) = TwoInstances(new() { ["Open311:Web:ReportsPerHour"] = "2" });
        await using var _ = a;
        await using var __ = b;
        static Microsoft.AspNetCore.Http.DefaultHttpContext From(string address) =>
            new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };
        var (onA, onB) = (a.Get<ReportLimiter>(), b.Get<ReportLimiter>());
        Assert.NotNull((await onA.ReserveAsync(From("203.0.113.7"), default)).Reservation);
        var second = (await onB.ReserveAsync(From("203.0.113.7"), default)).Reservation;
        Assert.NotNull(second);
        var (none, until) = await onA.ReserveAsync(From("203.0.113.7"), default);
        Assert.Null(none);
        Assert.NotNull(until);
        Assert.Equal(0, until.Value.Minute + until.Value.Second); // the end of the clock hour
        Assert.InRange(until.Value - a.Get<TimeProvider>().GetUtcNow(), TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Null((await onB.ReserveAsync(From("203.0.113.7"), default)).Reservation);
        Assert.NotNull((await onB.ReserveAsync(From("203.0.113.8"), default)).Reservation); // another address
        // A refused report gives its place back, on any instance.
        await onA.RefundAsync(second!);
        Assert.NotNull((await onB.ReserveAsync(From("203.0.113.7"), default)).Reservation);
        Assert.Null((await onA.ReserveAsync(From("203.0.113.7"), default)).Reservation);
    }

    [RedisFact]
    public async Task ReadyzReportsRedis()
    {
        await using var app = new Open311App(TestRedis.Settings(Guid.NewGuid().ToString("N")));
        var ready = await app.CreateClient().FetchAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("healthy", ready.Json.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithoutRedisReadyzDoesNotMentionIt()
    {
        await using var app = new Open311App();
        var ready = await app.CreateClient().FetchAsync("/readyz");
        Assert.False(ready.Json.GetProperty("checks").TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task WhenRedisIsUnreachableEachInstanceKeepsServingWithItsOwnCountAndSaysSo()
    {
        await using var app = new Open311App(new()
        {
            ["Open311:Redis"] = "127.0.0.1:1",
            ["Open311:RateLimits:AnonymousPerMinute"] = "2",
        });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);
        var limited = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("2", limited.Header("RateLimit-Limit"));

        var ready = await client.FetchAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("degraded", ready.Json.GetProperty("status").GetString());
        Assert.Equal("degraded", ready.Json.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains(app.Logs, l => l.Contains("Redis is unreachable"));
    }
}
