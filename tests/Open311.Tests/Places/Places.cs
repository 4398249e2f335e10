using System.Globalization;

namespace Open311.Tests;

// Points around the demo city's centre, placed by metres north and east of it.
static class Places
{
    public const double Lat = 30.2672, Long = -97.7431;

    public static (double Lat, double Long) Offset(double north, double east) =>
        (Lat + north / Earth.MetresPerDegree, Long + east / (Earth.MetresPerDegree * Math.Cos(Earth.Radians(Lat))));

    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A pothole report at metres north and east of the centre; returns its id.
    public static async Task<string> ReportAtAsync(this HttpClient client, string key, double north, double east, params (string, string)[] more)
    {
        var (lat, lon) = Offset(north, east);
        return (await client.CreatePotholeAsync(key, [("lat", Text(lat)), ("long", Text(lon)), .. more])).Id;
    }

    public static string Around(double metres) => $"lat={Text(Lat)}&long={Text(Long)}&radius={Text(metres)}";
}

// GeoJSON polygons around the centre, for boundaries and service areas.
static class Shapes
{
    // A star of `points` vertices, reaching alternately `outer` and `inner` metres from the centre; counterclockwise.
    public static string Star(int points, double outer, double inner)
    {
        var ring = Enumerable.Range(0, points).Select(i =>
        {
            var angle = 2 * Math.PI * i / points;
            var r = i % 2 == 0 ? outer : inner;
            var (lat, lon) = Places.Offset(r * Math.Sin(angle), r * Math.Cos(angle));
            return $"[{Places.Text(lon)},{Places.Text(lat)}]";
        }).ToList();
        ring.Add(ring[0]);
        return $"{{\"type\":\"Polygon\",\"coordinates\":[[{string.Join(",", ring)}]]}}";
    }

    // A square of side 2 × half metres around a point north and east of the centre.
    public static string Square(double half, double north = 0, double east = 0)
    {
        var (s, w) = Places.Offset(north - half, east - half);
        var (n, e) = Places.Offset(north + half, east + half);
        string P(double lon, double lat) => $"[{Places.Text(lon)},{Places.Text(lat)}]";
        return $"{{\"type\":\"Polygon\",\"coordinates\":[[{P(w, s)},{P(e, s)},{P(e, n)},{P(w, n)},{P(w, s)}]]}}";
    }
}
