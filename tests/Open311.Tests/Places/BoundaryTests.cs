using System.Net;

namespace Open311.Tests;

// CONTRACT §10: Open311:Boundary, a GeoJSON file of the jurisdiction's area; a new request outside is 400.
public class BoundaryTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("open311-boundary-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string Write(string geojson)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, geojson);
        return path;
    }

    // Angle 0 is east; the star's vertex 0 reaches out, vertex 1 (at 360/200 degrees) comes in.
    static (double North, double East) At(double metres, double vertex) =>
        (metres * Math.Sin(2 * Math.PI * vertex / 200), metres * Math.Cos(2 * Math.PI * vertex / 200));

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ARequestOutsideA200PointBoundaryIs400AndNothingIsStored(string format)
    {
        await using var app = new Open311App(new() { ["Open311:Boundary"] = Write(Shapes.Star(200, 3000, 2000)) });
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var inside = await client.ReportAtAsync(key, 0, 0);
        var (n, e) = At(2800, 0); // out on a point of the star
        var onAPoint = await client.ReportAtAsync(key, n, e);

        foreach (var (north, east) in new[] { At(2800, 1), At(3500, 0), (30_000.0, 0.0) })
        {
            var (lat, lon) = Places.Offset(north, east);
            var reply = await client.PostFormAsync($"/open311/v2/requests.{format}",
                Fixtures.Pothole(key, ("lat", Places.Text(lat)), ("long", Places.Text(lon))));
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
            Assert.Equal("lat and long must be inside the jurisdiction's boundary", Assert.Single(reply.Errors));
        }
        // A request by address alone has no point to check.
        await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));
        Assert.Equal(3, (await client.FetchAsync("/open311/v2/requests.json")).Ids().Count);
        Assert.Equal([onAPoint, inside], (await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(5000)}")).Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task OutsideTheBoundaryNoServiceIsOffered(string format)
    {
        await using var app = new Open311App(new() { ["Open311:Boundary"] = Write(Shapes.Square(1000)) });
        var client = app.CreateClient();
        var inside = await client.FetchAsync($"/open311/v2/services.{format}?lat={Places.Lat}&long={Places.Long}");
        var all = await client.FetchAsync($"/open311/v2/services.{format}");
        Assert.Equal(all.Body, inside.Body);
        var (lat, lon) = Places.Offset(2000, 0);
        var outside = await client.FetchAsync($"/open311/v2/services.{format}?lat={Places.Text(lat)}&long={Places.Text(lon)}");
        Assert.Equal(HttpStatusCode.OK, outside.Status);
        Assert.Equal(format == "json" ? "[]" : "<?xml version=\"1.0\" encoding=\"utf-8\"?><services />", outside.Body);
    }

    // The demo boundary in docs/ is a Feature; the README's example runs with it.
    [Fact]
    public async Task TheShippedDemoBoundaryHoldsTheDemoCity()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "demo-boundary.geojson");
        await using var app = new Open311App(new() { ["Open311:Boundary"] = Path.GetFullPath(file) });
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        await client.CreatePotholeAsync(key);
        var far = await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key, ("lat", "30.6"), ("long", "-97.7431")));
        Assert.Equal(HttpStatusCode.BadRequest, far.Status);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[-97.7,30.2]}")]
    [InlineData("not json")]
    public async Task ABadBoundaryStopsTheStart(string content)
    {
        var path = content == "missing" ? Path.Combine(folder, "none.geojson") : Write(content);
        var (code, lines) = await StartupFailureTests.StartAsync(StartupFailureTests.FreePort(), ("Open311__Boundary", path));
        Assert.Equal(1, code);
        Assert.StartsWith("open311: Open311:Boundary must name a readable GeoJSON file", Assert.Single(lines));
    }
}
