using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Open311;

// The connection to the Redis that instances share (Open311:Redis). Commands fail fast while it is
// unreachable, so a Redis outage never stalls a call; the client reconnects by itself.
sealed class RedisLink : IDisposable
{
    readonly Lazy<ConnectionMultiplexer>? connection;

    public RedisLink(IOptions<Open311Options> options, IOptions<TuningOptions> tuning)
    {
        var o = options.Value;
        var t = tuning.Value;
        Prefix = o.RedisPrefix;
        if (string.IsNullOrWhiteSpace(o.Redis)) return;
        var config = ConfigurationOptions.Parse(o.Redis);
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = t.RedisConnectTimeoutMs;
        config.AsyncTimeout = t.RedisCommandTimeoutMs;
        config.SyncTimeout = t.RedisCommandTimeoutMs;
        config.ClientName = "open311";
        connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(config));
    }

    public bool Configured => connection is not null;
    public string Prefix { get; }

    public IDatabase Database => connection!.Value.GetDatabase();
    public ISubscriber Subscriber => connection!.Value.GetSubscriber();

    // Connected now (false before the first use); a cache that relies on a channel's messages asks this.
    public bool Connected => connection is { IsValueCreated: true } && connection.Value.IsConnected;

    // Called when the connection drops and when it returns: messages sent in between were missed.
    public void OnConnectionChange(Action changed)
    {
        connection!.Value.ConnectionFailed += (_, _) => changed();
        connection.Value.ConnectionRestored += (_, _) => changed();
    }

    public RedisChannel Channel(string name) => RedisChannel.Literal(Prefix + name);

    public void Dispose()
    {
        if (connection?.IsValueCreated == true) connection.Value.Dispose();
    }

    public static bool IsOutage(Exception e) => e is RedisException or RedisTimeoutException or TimeoutException or ObjectDisposedException;
}

// /readyz: Redis answers. Unreachable is "degraded", not "unhealthy": the instance keeps serving,
// with limits counted per instance until Redis returns (README, Deploying).
sealed class RedisHealthCheck(RedisLink redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var latency = await redis.Database.PingAsync();
            return HealthCheckResult.Healthy($"redis answers in {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            return HealthCheckResult.Degraded("redis does not answer: rate limits are counted per instance until it does");
        }
    }
}
