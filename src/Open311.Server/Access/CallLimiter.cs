using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Open311;

// The framework's rate limiter (UseRateLimiter) with one global limiter partitioned by key, or by
// client address without one (CONTRACT §7). It sees the HttpContext, so it can set the RateLimit
// headers of every counted response, and stays exact across instances when the counter is shared.
sealed class CallLimiter(IRateCounter counter, IOptionsMonitor<RateLimitOptions> options, TimeProvider time) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // The middleware tries this first; deciding needs the (possibly shared) counter, so it always defers to AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Lease.Deferred;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext context, int permitCount, CancellationToken ct)
    {
        var (partition, limit) = PartitionOf(context);
        var decision = await counter.HitAsync(partition, limit, RateWindow.Minute, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            if (!decision.Allowed) headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return new Lease(decision);
    }

    (string Partition, int Limit) PartitionOf(HttpContext context)
    {
        var limits = options.CurrentValue;
        if (context.Caller().Key is { } key)
            return ($"key:{key.Id}", key.PerMinute ?? limits.KeyPerMinute);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return ($"ip:{address}", limits.AnonymousPerMinute);
    }

    sealed class Lease(RateDecision? decision) : RateLimitLease
    {
        public static readonly Lease Deferred = new(null);

        public override bool IsAcquired => decision?.Allowed == true;

        public override IEnumerable<string> MetadataNames => decision is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            if (decision is not { } d || metadataName != MetadataName.RetryAfter.Name) return false;
            metadata = TimeSpan.FromSeconds(d.ResetSeconds);
            return true;
        }
    }
}
