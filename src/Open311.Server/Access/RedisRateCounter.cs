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

    const string RefundScript = """
        local n = tonumber(redis.call('GET', KEYS[1]) or '0')
        if n > 0 then return redis.call('DECR', KEYS[1]) end
        return 0
        """;

    long retryAt;

    public async ValueTask<RateDecision> HitAsync(string partition, int limit, long windowMs, long nowMs, CancellationToken ct)
    {
        var clock = time.GetTimestamp();
        if (clock < Interlocked.Read(ref retryAt)) return await local.HitAsync(partition, limit, windowMs, nowMs, ct);
        try
        {
            var count = (long)await redis.Database.ScriptEvaluateAsync(Script, [Key(partition, windowMs, nowMs)], [windowMs * 2]);
            return RateWindow.Decide(count, limit, windowMs, nowMs);
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            Unreachable(e, clock);
            return await local.HitAsync(partition, limit, windowMs, nowMs, ct);
        }
    }

    public async ValueTask<long> CountAsync(string partition, long windowMs, long nowMs, CancellationToken ct)
    {
        var clock = time.GetTimestamp();
        if (clock < Interlocked.Read(ref retryAt)) return await local.CountAsync(partition, windowMs, nowMs, ct);
        try
        {
            return (long?)await redis.Database.StringGetAsync(Key(partition, windowMs, nowMs)) ?? 0;
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            Unreachable(e, clock);
            return await local.CountAsync(partition, windowMs, nowMs, ct);
        }
    }

    public async ValueTask RefundAsync(string partition, long windowMs, long nowMs, CancellationToken ct)
    {
        var clock = time.GetTimestamp();
        if (clock < Interlocked.Read(ref retryAt)) { await local.RefundAsync(partition, windowMs, nowMs, ct); return; }
        try
        {
            await redis.Database.ScriptEvaluateAsync(RefundScript, [Key(partition, windowMs, nowMs)]);
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            Unreachable(e, clock);
            await local.RefundAsync(partition, windowMs, nowMs, ct);
        }
    }

    // A minute's key keeps the name it had before other windows existed, so instances of both versions agree.
    RedisKey Key(string partition, long windowMs, long nowMs) => windowMs == RateWindow.Minute
        ? $"{redis.Prefix}rl:{partition}:{RateWindow.Index(nowMs, windowMs)}"
        : $"{redis.Prefix}rl:{partition}:{windowMs}:{RateWindow.Index(nowMs, windowMs)}";

    void Unreachable(Exception e, long clock)
    {
        if (Interlocked.Exchange(ref retryAt, clock + tuning.Value.RedisRetrySeconds * time.TimestampFrequency) < clock)
            logger.LogWarning("Redis is unreachable ({Error}); counting rate limits on this instance until it answers", e.GetType().Name);
    }
}
