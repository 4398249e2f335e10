using Dapper;

namespace Open311;

sealed record DayCount(long Day, long Opened, long Closed);
sealed record NamedCount(string Name, double Value);

sealed record Numbers(IReadOnlyList<DayCount> Days, IReadOnlyList<NamedCount> Backlog, IReadOnlyList<NamedCount> MedianHoursToClose,
    IReadOnlyList<NamedCount> Channels, long From);

// The console's dashboard: opened and closed per day over the last 90 days (days in the jurisdiction's time zone,
// at today's offset), the open backlog by service, the median hours from report to close by service (closed in the
// window; the close is the request's last 'closed' note, else its last update), and the window's requests by channel.
sealed class StaffNumbers(Database db, TimeProvider time, DateCodec dates)
{
    public const int WindowDays = 90;
    const long Day = 86_400_000;

    public async Task<Numbers> ReadAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var offset = (long)dates.Zone.GetUtcOffset(now).TotalMilliseconds;
        var today = (now.ToUnixTimeMilliseconds() + offset) / Day;
        var firstDay = today - WindowDays + 1;
        var from = firstDay * Day - offset;
        await using var c = await db.OpenAsync(ct);
        var args = new { from, offset, day = Day, open = "open", closed = "closed" };
        var opened = (await c.QueryAsync<(long Day, long N)>(
            "SELECT (requested_at + @offset) / @day AS d, count(*) FROM requests WHERE requested_at >= @from GROUP BY (requested_at + @offset) / @day", args))
            .ToDictionary(x => x.Day, x => x.N);
        var closes = (await c.QueryAsync<(string Service, long Requested, long ClosedAt)>(
            """
            SELECT s.service_name, r.requested_at,
                   coalesce((SELECT max(n.created_at) FROM request_notes n WHERE n.request_id = r.id AND n.type = @closed), r.updated_at) AS closed_at
            FROM requests r JOIN services s ON s.id = r.service_id
            WHERE r.status = @closed AND r.updated_at >= @from
            """, args)).Where(x => x.ClosedAt >= from).ToList();
        var closedByDay = closes.GroupBy(x => (x.ClosedAt + offset) / Day).ToDictionary(g => g.Key, g => (long)g.Count());
        var days = Enumerable.Range(0, WindowDays).Select(i => firstDay + i)
            .Select(d => new DayCount(d, opened.GetValueOrDefault(d), closedByDay.GetValueOrDefault(d))).ToList();

        var backlog = (await c.QueryAsync<(string Name, long N)>(
            """
            SELECT s.service_name, count(*) FROM requests r JOIN services s ON s.id = r.service_id
            WHERE r.status = @open GROUP BY s.service_name ORDER BY count(*) DESC, s.service_name
            """, args)).Select(x => new NamedCount(x.Name, x.N)).ToList();
        var medians = closes.GroupBy(x => x.Service)
            .Select(g => new NamedCount(g.Key, Math.Round(Median(g.Select(x => (x.ClosedAt - x.Requested) / 3_600_000.0).ToList()), 1)))
            .OrderByDescending(x => x.Value).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var channels = (await c.QueryAsync<(string? Name, long N)>(
            "SELECT channel, count(*) FROM requests WHERE requested_at >= @from GROUP BY channel ORDER BY count(*) DESC, channel", args))
            .Select(x => new NamedCount(x.Name ?? "unknown", x.N)).ToList();
        return new Numbers(days, backlog, medians, channels, from);
    }

    static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
