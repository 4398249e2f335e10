using StackExchange.Redis;

namespace Open311;

// Counts calls in Redis so that a key's limit holds across every instance: one atomic script per
// call increments the partition's counter for the current clock minute and sets it to expire.
// When Redis can't be reached the instance goes on counting by itself (availability over exactness)
// and tries Redis again a few seconds later.
sealed class RedisRateCounter(RedisLink redis, MemoryRateCounter local, TimeProvider time, ILogger<RedisRateCounter> logger,
    Microsoft.Extensions.Options.IOptions<TuningOptions> tuning) : IRateCounter
{
    const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    long retryAt;

    public async ValueTask<RateDecision> HitAsync(string partition, int limit, long nowMs, CancellationToken ct)
    {
        var clock = time.GetTimestamp();
        if (clock < Interlocked.Read(ref retryAt)) return await local.HitAsync(partition, limit, nowMs, ct);
        try
        {
            RedisKey key = $"{redis.Prefix}rl:{partition}:{RateWindow.Index(nowMs)}";
            var count = (long)await redis.Database.ScriptEvaluateAsync(Script, [key], [RateWindow.Ms * 2]);
            return RateWindow.Decide(count, limit, nowMs);
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            if (Interlocked.Exchange(ref retryAt, clock + tuning.Value.RedisRetrySeconds * time.TimestampFrequency) < clock)
                logger.LogWarning("Redis is unreachable ({Error}); counting rate limits on this instance until it answers", e.GetType().Name);
            return await local.HitAsync(partition, limit, nowMs, ct);
        }
    }
}
