namespace Open311;

// Distances on the Earth as a sphere of the mean radius (IUGG): haversine, good to a few parts in a thousand,
// which is all a search within ten kilometres needs. The SQL form is the same formula, for both engines.
static class Earth
{
    public const double Radius = 6_371_008.8;

    // Metres in a degree of latitude (and of longitude at the equator).
    public const double MetresPerDegree = Radius * Math.PI / 180;

    public static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        var (p1, p2) = (Radians(lat1), Radians(lat2));
        var h = Square(Math.Sin((p2 - p1) / 2)) + Math.Cos(p1) * Math.Cos(p2) * Square(Math.Sin((Radians(lon2) - Radians(lon1)) / 2));
        return 2 * Radius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    // The same formula over the columns r.lat and r.lon, from a centre given as parameters: @{p}LatR and
    // @{p}LonR (radians) and @{p}CosLat (the cosine of its latitude). Both engines have these functions
    // (SQLite's math functions are built into the SQLite that Microsoft.Data.Sqlite ships).
    public static string MetresSql(string p) =>
        $"{2 * Radius:R} * asin(sqrt(power(sin((radians(r.lat) - @{p}LatR) / 2), 2) + " +
        $"@{p}CosLat * cos(radians(r.lat)) * power(sin((radians(r.lon) - @{p}LonR) / 2), 2)))";

    public static double Radians(double degrees) => degrees * Math.PI / 180;

    static double Square(double x) => x * x;
}
