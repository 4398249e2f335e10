namespace Open311.Tests;

// Seeded requests lie along streets (SeedStreets), so that a radius or a bbox search meets real densities:
// crowded cells on busy streets, empty ones between them; an even scatter has neither.
[Trait("Storage", "none")]
public class SeedPlacesTests
{
    static readonly IReadOnlyList<ServiceEntry> Catalog = DemoCatalog.Load().Select(s => s.ToEntry(now: 0)).ToList();

    static List<(double Lat, double Lon, string Address)> Seeded(int count, int seed)
    {
        var now = Open311App.Start.ToUnixTimeMilliseconds();
        var make = new SeedRequests(Catalog, new DateCodec(TimeZoneInfo.Utc), now, seed);
        return make.Times(count).Select((at, i) => make.Request(i + 1, $"26-{i + 1:00000000}", at).Row)
            .Select(r => (r.Lat!.Value, r.Lon!.Value, r.Address!)).ToList();
    }

    [Fact]
    public void RequestsCrowdOnStreetsInsideTheCity()
    {
        var points = Seeded(3_000, seed: 311);
        Assert.All(points, p =>
        {
            Assert.InRange(p.Lat, 30.13, 30.50);
            Assert.InRange(p.Lon, -97.92, -97.59);
        });
        // Cells of about 100 m: an even scatter over the city (about 130,000 cells) puts at most 2 or 3 in any.
        var cells = points.GroupBy(p => (Math.Floor(p.Lat / 0.0009), Math.Floor(p.Lon / 0.00104))).Select(g => g.Count()).ToList();
        Assert.True(cells.Max() >= 10, $"the busiest 100 m cell holds {cells.Max()} of 3000");
        // And they are not all in one place: a 500 m radius downtown holds some, not most.
        var downtown = points.Count(p => Earth.Metres(30.2672, -97.7431, p.Lat, p.Lon) <= 500);
        Assert.InRange(downtown, 1, 600);
    }

    [Fact]
    public void AnAddressNamesTheStreetItsPointIsOn()
    {
        // Points on the same street share its name: the nearest other point is mostly on the same street.
        var points = Seeded(2_000, seed: 20261101);
        static string Street(string address) => address[(address.IndexOf(' ') + 1)..address.IndexOf(',')];
        var same = points.Count(p => Street(points.Where(q => q != p).MinBy(q => Earth.Metres(p.Lat, p.Lon, q.Lat, q.Lon)).Address) == Street(p.Address));
        Assert.True(same > points.Count * 0.6, $"{same} of {points.Count} nearest neighbours on the same street");
    }
}
