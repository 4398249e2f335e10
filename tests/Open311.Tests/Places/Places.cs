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
