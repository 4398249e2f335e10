using Microsoft.Extensions.Options;

namespace Open311;

// One of the hour's reports, reserved for an address: Partition and AtMs name the window it was counted in.
sealed record ReportReservation(string Partition, long AtMs);

// Open311:Web:ReportsPerHour: how many reports one client address may send through the resident site in a clock
// hour. Counted by the rate counter the API's limits use: in Redis when Open311:Redis is set, so the limit holds
// across every instance; in this instance's memory otherwise. A report reserves its place before it is stored (one
// atomic increment, so reports sent at once can't all pass a check made before any is counted) and gives it back when
// it is refused: a resident who gets an error beside a field and sends again has not used up a report.
sealed class ReportLimiter(IRateCounter counter, IOptions<WebOptions> options, TimeProvider time)
{
    static string Partition(HttpContext context) => $"web-report:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public int Limit => options.Value.ReportsPerHour;

    // A reservation, or (when the hour's reports are used up) when the address may send again: the next hour.
    public async Task<(ReportReservation? Reservation, DateTimeOffset? BlockedUntil)> ReserveAsync(HttpContext context, CancellationToken ct)
    {
        var (partition, now) = (Partition(context), Now);
        if ((await counter.HitAsync(partition, Limit, RateWindow.Hour, now, ct)).Allowed) return (new ReportReservation(partition, now), null);
        await counter.RefundAsync(partition, RateWindow.Hour, now, ct);
        return (null, DateTimeOffset.FromUnixTimeMilliseconds(RateWindow.EndMs(now, RateWindow.Hour)));
    }

    // The report was not stored: its place is free again. Not cancelled with the request: the place must come back.
    public async Task RefundAsync(ReportReservation reservation) =>
        await counter.RefundAsync(reservation.Partition, RateWindow.Hour, reservation.AtMs, CancellationToken.None);
}
