using System.Net;

namespace Open311.Tests;

// A key revoked or changed by `keys` (the server's executable in another process, as an operator runs it) while
// the server runs: refused or applied on the next call (README, "API keys"). The app's clock is frozen, so no
// cache lifetime can run out and hide a stale lookup: only an immediate read or a Redis message passes.
public class KeyRevocationTests
{
    static async Task<long> KeyIdAsync(Open311App app) => (await app.Get<KeyStore>().ListAsync()).Single().Id;

    [Fact]
    public async Task AKeyRevokedByTheAdminCommandIsRefusedOnTheNextCall()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var revoke = await AdminProcess.RunAsync(app.ConnectionString, null, "keys", "revoke", (await KeyIdAsync(app)).ToString());
        Assert.Equal(0, revoke.Code);
        foreach (var format in new[] { "json", "xml" })
        {
            var reply = await client.FetchAsync($"/open311/v2/services.{format}?api_key={key}");
            Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
            Assert.Equal("api_key is unknown or revoked", Assert.Single(reply.Errors));
        }
    }

    [Fact]
    public async Task ALimitChangedByTheAdminCommandAppliesOnTheNextCall()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync(perMinute: 100);
        var client = app.CreateClient();
        Assert.Equal("100", (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Header("RateLimit-Limit"));
        var set = await AdminProcess.RunAsync(app.ConnectionString, null, "keys", "set", (await KeyIdAsync(app)).ToString(), "--per-minute", "2");
        Assert.Equal(0, set.Code);
        var next = await client.FetchAsync("/open311/v2/services.json", bearer: key);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal("2", next.Header("RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
    }

    [Fact]
    public async Task AKeyRevokedThroughTheStaffApiIsRefusedByAnotherInstanceOnTheSameStore()
    {
        await using var a = new Open311App();
        await using var b = new Open311App(new() { ["Open311:Storage:ConnectionString"] = a.ConnectionString });
        var admin = await a.KeyAsync(role: "admin", name: "admin");
        var key = await a.KeyAsync(name: "app");
        var onB = b.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await onB.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var id = (await a.Get<KeyStore>().ListAsync()).Single(k => k.Name == "app").Id;
        var revoked = await a.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/keys/{id}")
        {
            Headers = { Authorization = new("Bearer", admin) },
        });
        Assert.True(revoked.IsSuccessStatusCode, revoked.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await onB.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
    }

    // With Redis each instance keeps lookups a few seconds; the command announces its change on the channel
    // before it exits, and the other instance drops the key within a second.
    [RedisFact]
    public async Task WithRedisAKeyRevokedByTheAdminCommandIsRefusedByEveryInstanceWithinASecond()
    {
        var prefix = Guid.NewGuid().ToString("N");
        await using var a = new Open311App(TestRedis.Settings(prefix));
        await using var b = new Open311App(TestRedis.Settings(prefix, new() { ["Open311:Storage:ConnectionString"] = a.ConnectionString }));
        var key = await a.KeyAsync();
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        foreach (var client in clients) // cached on both
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var revoke = await AdminProcess.RunAsync(a.ConnectionString, null,
            new Dictionary<string, string> { ["Open311__Redis"] = TestRedis.Address, ["Open311__RedisPrefix"] = $"test:{prefix}:" },
            "keys", "revoke", (await KeyIdAsync(a)).ToString());
        Assert.Equal(0, revoke.Code);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var client in clients)
        {
            while ((await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status != HttpStatusCode.Forbidden)
            {
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "a revoked key still served a second after `keys revoke` returned");
                await Task.Delay(20);
            }
        }
    }
}
