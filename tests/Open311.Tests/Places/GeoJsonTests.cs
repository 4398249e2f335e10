using System.Net;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Open311.Tests;

// CONTRACT §10: .geojson on the request list and the single request, RFC 7946.
public class GeoJsonTests
{
    static async Task<(Open311App App, HttpClient Client, string Key)> StartAsync()
    {
        var app = new Open311App();
        return (app, app.CreateClient(), await app.KeyAsync());
    }

    // The rules of RFC 7946 this answer must keep, checked on the raw JSON.
    static void AssertRfc7946(JsonElement root)
    {
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString()); // §3.3
        foreach (var feature in root.GetProperty("features").EnumerateArray())
        {
            Assert.Equal("Feature", feature.GetProperty("type").GetString()); // §3.2
            Assert.True(feature.GetProperty("id").ValueKind is JsonValueKind.String or JsonValueKind.Number);
            Assert.Equal(JsonValueKind.Object, feature.GetProperty("properties").ValueKind);
            var geometry = feature.GetProperty("geometry");
            Assert.Equal("Point", geometry.GetProperty("type").GetString()); // §3.1.2
            var position = geometry.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
            Assert.Equal(2, position.Count); // §3.1.1: longitude, latitude
            Assert.InRange(position[0], -180, 180);
            Assert.InRange(position[1], -90, 90);
        }
    }

    // A second, independent reader: NetTopologySuite's GeoJSON for System.Text.Json.
    static FeatureCollection Read(string body)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        return JsonSerializer.Deserialize<FeatureCollection>(body, options)!;
    }

    [Fact]
    public async Task TheListIsAFeatureCollectionOfPointsLongitudeFirstWithThePublicFields()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var near = await client.ReportAtAsync(key, 100, 200, ("email", "jo@example.org"), ("first_name", "Jo"));
        var other = await client.ReportAtAsync(key, 0, 0);
        await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));

        var reply = await client.FetchAsync("/open311/v2/requests.geojson?extensions=true");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/geo+json", reply.ContentType);
        AssertRfc7946(reply.Json);
        Assert.DoesNotContain("jo@example.org", reply.Body);
        Assert.DoesNotContain("\"Jo\"", reply.Body);

        var features = Read(reply.Body);
        Assert.Equal([other, near], features.Select(f => (string)f.Attributes["service_request_id"]));
        var json = (await client.FetchAsync("/open311/v2/requests.json?extensions=true")).Json;
        var first = json.EnumerateArray().First(r => r.GetProperty("service_request_id").GetString() == near);
        var point = (Point)features.Single(f => (string)f.Attributes["service_request_id"] == near).Geometry;
        Assert.Equal(first.GetProperty("long").GetDouble(), point.X);
        Assert.Equal(first.GetProperty("lat").GetDouble(), point.Y);

        // The properties are the JSON answer's fields, name for name and value for value.
        var properties = reply.Json.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == near).GetProperty("properties");
        Assert.Equal(first.EnumerateObject().Select(p => (p.Name, p.Value.ToString())), properties.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
    }

    [Fact]
    public async Task ItTakesTheSameFiltersPagingAndLink()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await client.ReportAtAsync(key, 10 * i, 0));
        await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));
        await client.ReportAtAsync(key, 3000, 0);

        var first = await client.FetchAsync($"/open311/v2/requests.geojson?{Places.Around(500)}&order=distance&per_page=2");
        AssertRfc7946(first.Json);
        Assert.Equal(ids[..2], Read(first.Body).Select(f => (string)f.Attributes["service_request_id"]));
        Assert.Contains("/open311/v2/requests.geojson?", first.Header("Link"));
        var second = await client.FetchAsync($"/open311/v2/requests.geojson?{Places.Around(500)}&order=distance&per_page=2&page=2");
        Assert.Equal(ids[2..], Read(second.Body).Select(f => (string)f.Attributes["service_request_id"]));
        Assert.Equal("", second.Header("Link"));

        // Without a place, requests without coordinates are left out and pages are still full.
        var all = await client.FetchAsync("/open311/v2/requests.geojson?per_page=4");
        Assert.Equal(4, Read(all.Body).Count);
        Assert.Equal("", all.Header("Link"));
        Assert.Equal("{\"type\":\"FeatureCollection\",\"features\":[]}", (await client.FetchAsync("/open311/v2/requests.geojson?status=closed")).Body);
    }

    [Fact]
    public async Task OneRequestIsACollectionOfOneOrNoneWithoutCoordinates()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var placed = await client.ReportAtAsync(key, 0, 0);
        var (unplaced, _) = await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));

        var one = await client.FetchAsync($"/open311/v2/requests/{placed}.geojson");
        Assert.Equal("application/geo+json", one.ContentType);
        AssertRfc7946(one.Json);
        var feature = Assert.Single(Read(one.Body));
        Assert.Equal(placed, feature.Attributes["service_request_id"]);
        Assert.Equal(placed, one.Json.GetProperty("features")[0].GetProperty("id").GetString());
        Assert.Equal(new Coordinate(Places.Long, Places.Lat), ((Point)feature.Geometry).Coordinate);
        Assert.Empty(Read((await client.FetchAsync($"/open311/v2/requests/{unplaced}.geojson")).Body));
    }

    [Fact]
    public async Task ErrorsOnAGeoJsonPathAreTheJsonErrorList()
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        var missing = await client.FetchAsync("/open311/v2/requests/26-99999999.geojson");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(Http.Json, missing.ContentType);
        Assert.Equal("service_request_id '26-99999999' was not found", Assert.Single(missing.Errors));
        var bad = await client.FetchAsync("/open311/v2/requests.geojson?per_page=none");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(Http.Json, bad.ContentType);
        var noRoute = await client.FetchAsync("/open311/v2/nothing.geojson");
        Assert.Equal(HttpStatusCode.NotFound, noRoute.Status);
        Assert.Equal(Http.Json, noRoute.ContentType);
    }

    [Theory]
    [InlineData("/open311/v2/services.geojson")]
    [InlineData("/open311/v2/services/PWPOTHOL.geojson")]
    [InlineData("/open311/discovery.geojson")]
    public async Task OtherResourcesDoNotOfferGeoJson(string path)
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        var reply = await client.FetchAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        Assert.Equal("format 'geojson' is offered for requests only: use .json or .xml here", Assert.Single(reply.Errors));
    }
}
