using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Open311;

// Open311:Web:ReportsPerHour: how many reports one client address may send through the resident site in a clock
// hour. Counted in this instance's memory: behind several instances an address may send that many to each.
sealed class ReportLimiter(IOptions<WebOptions> options, TimeProvider time)
{
    const long HourMs = 3_600_000;
    readonly ConcurrentDictionary<string, (long Hour, int Count)> sent = new();

    static string Key(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    long Hour => time.GetUtcNow().ToUnixTimeMilliseconds() / HourMs;

    public int Limit => options.Value.ReportsPerHour;

    // When the address may send again (the next hour), or null while it may send now.
    public DateTimeOffset? BlockedUntil(HttpContext context)
    {
        var hour = Hour;
        return sent.TryGetValue(Key(context), out var s) && s.Hour == hour && s.Count >= Limit
            ? DateTimeOffset.FromUnixTimeMilliseconds((hour + 1) * HourMs) : null;
    }

    public void Sent(HttpContext context)
    {
        var hour = Hour;
        sent.AddOrUpdate(Key(context), (hour, 1), (_, s) => s.Hour == hour ? (hour, s.Count + 1) : (hour, 1));
        if (sent.Count > 10_000)
            foreach (var (key, s) in sent)
                if (s.Hour < hour) sent.TryRemove(key, out _);
    }
}
