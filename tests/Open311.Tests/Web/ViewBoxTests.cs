namespace Open311.Tests;

// The map's view as the page takes it (bbox=west,south,east,north): well formed, ordered, at most 1° a side.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class ViewBoxTests
{
    [Theory]
    [InlineData("-97.8,30.2,-97.7,30.3", true)]
    [InlineData("-97.8, 30.2, -97.7, 30.3", true)]
    [InlineData("-97.7,30.2,-97.8,30.3", false)]   // west east of east
    [InlineData("-97.8,30.3,-97.7,30.2", false)]   // south north of north
    [InlineData("-99,30.2,-97.7,30.3", false)]     // wider than a degree
    [InlineData("-97.8,30.2,-97.7", false)]
    [InlineData("-97.8,30.2,-97.7,NaN", false)]
    [InlineData("a,b,c,d", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ABoxIsReadOnlyWhenItIsOne(string? text, bool read) =>
        Assert.Equal(read, RequestsInView.Box.Parse(text) is not null);

    [Fact]
    public void ABoxAroundAPointReachesTheDistanceEachWay()
    {
        var box = RequestsInView.Box.Around(30.2672, -97.7431, 50);
        Assert.InRange(Earth.Metres(30.2672, -97.7431, box.North, -97.7431), 49.5, 50.5);
        Assert.InRange(Earth.Metres(30.2672, -97.7431, 30.2672, box.East), 49.5, 50.5);
    }
}
