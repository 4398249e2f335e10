using Microsoft.Extensions.Options;

namespace Open311;

// Open311:Web:ReportsPerHour: how many reports one client address may send through the resident site in a clock
// hour. Counted by the rate counter the API's limits use: in Redis when Open311:Redis is set, so the limit holds
// across every instance; in this instance's memory otherwise. Only reports that were stored count: a resident who
// gets an error beside a field and sends again has not used up a report.
sealed class ReportLimiter(IRateCounter counter, IOptions<WebOptions> options, TimeProvider time)
{
    static string Partition(HttpContext context) => $"web-report:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public int Limit => options.Value.ReportsPerHour;

    // When the address may send again (the next hour), or null while it may send now.
    public async Task<DateTimeOffset?> BlockedUntilAsync(HttpContext context, CancellationToken ct)
    {
        var now = Now;
        return await counter.CountAsync(Partition(context), RateWindow.Hour, now, ct) >= Limit
            ? DateTimeOffset.FromUnixTimeMilliseconds(RateWindow.EndMs(now, RateWindow.Hour)) : null;
    }

    public async Task SentAsync(HttpContext context, CancellationToken ct) =>
        await counter.HitAsync(Partition(context), Limit, RateWindow.Hour, Now, ct);
}
