using Dapper;

namespace Open311;

// The resident site's place searches, in one seam: the open requests of a service near a point ("already
// reported?") and the recent requests in a map's view. Today they read the requests table's lat/lon with a
// date window here. When the places API lands (issue 12: bbox and radius in RequestSearch, requests/nearby),
// these two methods should call its query instead (RequestQueries with a bbox or lat/long+radius filter) and
// this SQL goes away; the pages only see the rows.
sealed class RequestsInView(Database db, TimeProvider time)
{
    public sealed record Box(double West, double South, double East, double North)
    {
        public static Box Around(double lat, double lon, double metres)
        {
            var dLat = metres / 111_320.0;
            var dLon = metres / (111_320.0 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
            return new Box(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
        }

        // west,south,east,north in degrees, as the places API's bbox will take it; at most 1° a side.
        public static Box? Parse(string? text)
        {
            var parts = text?.Split(',');
            if (parts is not { Length: 4 }) return null;
            var n = new double[4];
            for (var i = 0; i < 4; i++)
                if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out n[i])
                    || !double.IsFinite(n[i])) return null;
            var box = new Box(n[0], n[1], n[2], n[3]);
            return box.South < box.North && box.West < box.East && box.North - box.South <= 1 && box.East - box.West <= 1
                && Math.Abs(box.South) <= 90 && Math.Abs(box.North) <= 90 && Math.Abs(box.West) <= 180 && Math.Abs(box.East) <= 180 ? box : null;
        }

        public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{West},{South},{East},{North}");
    }

    // Open requests of the service within `metres` of the point, requested in the last `days`, nearest first, at most 10.
    public async Task<IReadOnlyList<RequestRow>> NearbyAsync(long serviceId, double lat, double lon, int metres, int days, CancellationToken ct)
    {
        var rows = await InBoxAsync(Box.Around(lat, lon, metres), [serviceId], "open", days, 200, ct);
        return rows.Select(r => (Row: r, Metres: Metres(lat, lon, r.Lat!.Value, r.Lon!.Value)))
            .Where(x => x.Metres <= metres).OrderBy(x => x.Metres).ThenBy(x => x.Row.Id).Take(10).Select(x => x.Row).ToList();
    }

    // Requests with coordinates inside the box, requested in the last `days`, newest first, at most `limit`.
    public async Task<IReadOnlyList<RequestRow>> InBoxAsync(Box box, IReadOnlyCollection<long>? serviceIds, string? status, int days, int limit,
        CancellationToken ct)
    {
        var dialect = db.Dialect;
        var since = time.GetUtcNow().ToUnixTimeMilliseconds() - days * 86_400_000L;
        var where = "r.lat BETWEEN @south AND @north AND r.lon BETWEEN @west AND @east AND r.requested_at >= @since";
        if (serviceIds is not null) where += $" AND {dialect.AnyId("r.service_id", "services")}";
        if (status is not null) where += " AND r.status = @status";
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<RequestRow>(
            $"SELECT {RequestRow.Columns}, {RequestRow.FirstPhotoColumn} FROM {RequestRow.From} WHERE {where} ORDER BY r.requested_at DESC, r.id DESC LIMIT @limit",
            new { south = box.South, north = box.North, west = box.West, east = box.East, since, status, limit, services = dialect.IdList(serviceIds ?? []) })).AsList();
    }

    // Haversine, on a sphere of the Earth's mean radius.
    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6_371_008.8;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
