namespace Open311;

// Where seeded requests are: along made-up streets of the demo city, so that a radius or a bbox search meets
// the densities a real one does (many reports on a busy street downtown, few on a quiet one at the edge),
// not an even scatter. Deterministic from the seed.
sealed class SeedStreets
{
    // The demo city (Austin, give or take) and its centre.
    const double South = 30.13, North = 30.50, West = -97.92, East = -97.59;
    const double CentreLat = 30.2672, CentreLon = -97.7431;
    const int Count = 120;

    readonly Random random;
    readonly (string Name, double Lat1, double Lon1, double Lat2, double Lon2)[] streets;
    readonly double[] cumulative;

    public SeedStreets(Random random)
    {
        this.random = random;
        streets = new (string, double, double, double, double)[Count];
        var weights = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            // Streets crowd towards the centre; a street's share of reports falls with its distance from it.
            var (lat, lon) = (Clamp(CentreLat + Normal() * 0.07, South, North), Clamp(CentreLon + Normal() * 0.07, West, East));
            var metres = 300 + random.NextDouble() * 2_700;
            // A grid, mostly: north-south or east-west, some on a diagonal.
            var angle = random.Next(10) switch { < 4 => 0.0, < 8 => Math.PI / 2, _ => random.NextDouble() * Math.PI };
            var dLat = Math.Cos(angle) * metres / 2 / Earth.MetresPerDegree;
            var dLon = Math.Sin(angle) * metres / 2 / (Earth.MetresPerDegree * Math.Cos(Earth.Radians(lat)));
            streets[i] = (SeedText.Streets[i % SeedText.Streets.Length],
                Clamp(lat - dLat, South, North), Clamp(lon - dLon, West, East), Clamp(lat + dLat, South, North), Clamp(lon + dLon, West, East));
            var fromCentre = Earth.Metres(CentreLat, CentreLon, lat, lon);
            weights[i] = metres / (1 + fromCentre / 2_000);
        }
        cumulative = new double[Count];
        double total = 0;
        for (var i = 0; i < Count; i++) cumulative[i] = total += weights[i];
    }

    // A point on a street, a few metres to one side of its middle line, and the street's name.
    public (double Lat, double Lon, string Street) Next()
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        var s = streets[i < 0 ? Math.Min(~i, Count - 1) : i];
        var t = random.NextDouble();
        var side = Normal() * 10 / Earth.MetresPerDegree;
        var lat = Clamp(s.Lat1 + t * (s.Lat2 - s.Lat1) + side, South, North);
        var lon = Clamp(s.Lon1 + t * (s.Lon2 - s.Lon1) + side, West, East);
        return (Math.Round(lat, 6), Math.Round(lon, 6), s.Name);
    }

    double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    static double Clamp(double v, double min, double max) => Math.Min(max, Math.Max(min, v));
}
