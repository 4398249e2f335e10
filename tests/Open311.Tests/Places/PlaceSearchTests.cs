using System.Net;


namespace Open311.Tests;

// CONTRACT §10: lat+long+radius and bbox on GET /requests, order=distance, distance with extensions.
public class PlaceSearchTests
{
    static async Task<(Open311App App, HttpClient Client, string Key)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var app = new Open311App(settings);
        return (app, app.CreateClient(), await app.KeyAsync());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ARadiusFindsTheRequestsWithinItNewestFirst(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var centre = await client.ReportAtAsync(key, 0, 0);
        var north = await client.ReportAtAsync(key, 300, 0);
        var east = await client.ReportAtAsync(key, 0, 450);
        await client.ReportAtAsync(key, 0, 550);
        await client.ReportAtAsync(key, -800, 0);
        await client.CreatePotholeAsync(key, ("lat", ""), ("long", ""));

        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?{Places.Around(500)}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal([east, north, centre], reply.Ids());
        Assert.Equal([centre], (await client.FetchAsync($"/open311/v2/requests.{format}?{Places.Around(100)}")).Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task OrderDistanceIsNearestFirstAndExtensionsCarryTheMetres(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var far = await client.ReportAtAsync(key, 0, 400);
        var near = await client.ReportAtAsync(key, 100, 0);
        var middle = await client.ReportAtAsync(key, -250, 0);

        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?{Places.Around(1000)}&order=distance&extensions=true");
        Assert.Equal([near, middle, far], reply.Ids());
        var metres = format == "json"
            ? reply.Json.EnumerateArray().Select(r => r.GetProperty("distance").GetDouble()).ToList()
            : reply.Xml.Elements("request").Select(r => double.Parse((string)r.Element("distance")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(100, metres[0], 1.0);
        Assert.Equal(250, metres[1], 1.0);
        Assert.Equal(400, metres[2], 1.0);

        // Without extensions, or without a point, there is no distance.
        var plain = await client.FetchAsync($"/open311/v2/requests.{format}?{Places.Around(1000)}");
        Assert.DoesNotContain("distance", plain.Body);
        Assert.DoesNotContain("distance", (await client.FetchAsync($"/open311/v2/requests.{format}?extensions=true")).Body);
    }

    [Fact]
    public async Task NearestFirstBreaksTiesById()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await client.ReportAtAsync(key, 200, 0));
        var first = await client.ReportAtAsync(key, 10, 0);
        var reply = await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(500)}&order=distance");
        Assert.Equal([first, .. ids], reply.Ids());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ABboxFindsTheRequestsInsideAndCombinesWithOtherFilters(string format)
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var inside = await client.ReportAtAsync(key, 0, 0);
        var insideToo = await client.ReportAtAsync(key, 900, 900, ("description", "Sinkhole by the curb"));
        await client.ReportAtAsync(key, 2000, 0);
        await client.ReportAtAsync(key, 0, -2000);
        var (s, w) = Places.Offset(-1000, -1000);
        var (n, e) = Places.Offset(1000, 1000);
        var bbox = $"bbox={Places.Text(w)},{Places.Text(s)},{Places.Text(e)},{Places.Text(n)}";

        Assert.Equal([insideToo, inside], (await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}")).Ids());
        Assert.Equal([insideToo], (await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&q=sinkhole")).Ids());
        Assert.Equal([insideToo, inside], (await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&service_code=PWPOTHOL&status=open")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&status=closed")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&service_code=CCGRASS")).Ids());
        // With a circle too, a request must be in both.
        Assert.Equal([inside], (await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&{Places.Around(500)}")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.{format}?{bbox}&lat=31&long=-97.7431&radius=500")).Ids());
    }

    [Fact]
    public async Task PlacesPageWithLinkAndCombineWithDateWindows()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await client.ReportAtAsync(key, 10 * i, 0));
        await client.ReportAtAsync(key, 5000, 0);
        ids.Reverse();

        var first = await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&per_page=2");
        Assert.Equal(ids[..2], first.Ids());
        var next = first.Header("Link");
        Assert.Contains("page=2", next);
        Assert.Contains("radius=200", next);
        var url = next[(next.IndexOf('<') + 1)..next.IndexOf('>')];
        Assert.Equal(ids[2..4], (await client.FetchAsync(url)).Ids());
        Assert.Equal(ids[4..], (await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&per_page=2&page=3")).Ids());
        Assert.Equal("", (await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&per_page=2&page=3")).Header("Link"));

        Assert.Equal(ids, (await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&start_date=2026-10-01")).Ids());
        Assert.Empty((await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&start_date=2026-06-01&end_date=2026-07-01")).Ids());
        Assert.Equal(ids, (await client.FetchAsync($"/open311/v2/requests.json?{Places.Around(200)}&updated_after=2026-10-01T00:00:00Z&order=updated_datetime")).Ids().AsEnumerable().Reverse());
    }

    // The two plans (through the spatial index, or walking the list) give the same answers.
    [Theory]
    [InlineData("requested_datetime")]
    [InlineData("updated_datetime")]
    [InlineData("distance")]
    public async Task TheIndexPlanAndTheWalkingPlanAgree(string order)
    {
        var (index, indexClient, indexKey) = await StartAsync();
        await using var _ = index;
        var (walk, walkClient, walkKey) = await StartAsync(new() { ["Open311:Tuning:PlaceFewMatches"] = "1" });
        await using var __ = walk;
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var (north, east) = (random.Next(-900, 900), random.Next(-900, 900));
            await indexClient.ReportAtAsync(indexKey, north, east);
            await walkClient.ReportAtAsync(walkKey, north, east);
        }
        var (s, w) = Places.Offset(-500, -700);
        var (n, e) = Places.Offset(600, 300);
        foreach (var query in new[]
                 {
                     $"{Places.Around(600)}&order={order}&per_page=7&page=2",
                     $"{Places.Around(400)}&order={order}",
                     $"{Places.Around(800)}&bbox={Places.Text(w)},{Places.Text(s)},{Places.Text(e)},{Places.Text(n)}&order={order}",
                 })
        {
            var expected = (await indexClient.FetchAsync($"/open311/v2/requests.json?{query}")).Ids();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, (await walkClient.FetchAsync($"/open311/v2/requests.json?{query}")).Ids());
        }
        if (order == "distance") return;
        var box = $"bbox={Places.Text(w)},{Places.Text(s)},{Places.Text(e)},{Places.Text(n)}&order={order}";
        var boxed = (await indexClient.FetchAsync($"/open311/v2/requests.json?{box}")).Ids();
        Assert.NotEmpty(boxed);
        Assert.Equal(boxed, (await walkClient.FetchAsync($"/open311/v2/requests.json?{box}")).Ids());
    }

    public static TheoryData<string, string> BadPlaces => new()
    {
        { "lat=30.2&radius=500", "long is required with lat" },
        { "long=-97.7&radius=500", "lat is required with long" },
        { "lat=30.2&long=-97.7", "radius is required with lat and long: metres around the point, at most 10000" },
        { "radius=500", "radius needs lat and long: the point it is measured from" },
        { "lat=30.2&long=-97.7&radius=0", "radius must be a number of metres more than 0 and at most 10000, not '0'" },
        { "lat=30.2&long=-97.7&radius=10001", "radius must be a number of metres more than 0 and at most 10000, not '10001'" },
        { "lat=30.2&long=-97.7&radius=far", "radius must be a number of metres more than 0 and at most 10000, not 'far'" },
        { "lat=91&long=-97.7&radius=5", "lat must be from -90 to 90" },
        { "lat=north&long=-97.7&radius=5", "lat must be a decimal number, not 'north'" },
        { "bbox=-97.8,30.3,-97.7,30.2", "bbox is the wrong way round: it is west,south,east,north, with west not east of east and south not north of north" },
        { "bbox=-97.7,30.2,-97.8,30.3", "bbox is the wrong way round: it is west,south,east,north, with west not east of east and south not north of north" },
        { "bbox=-98.8,30.2,-97.7,30.3", "bbox may span at most 1 degree on a side" },
        { "bbox=-97.8,29.2,-97.7,30.3", "bbox may span at most 1 degree on a side" },
        { "bbox=-97.8,30.2,-97.7", "bbox must be four numbers west,south,east,north (degrees), not '-97.8,30.2,-97.7'" },
        { "bbox=-197.8,30.2,-197.7,30.3", "bbox must have longitudes from -180 to 180 and latitudes from -90 to 90" },
        { "order=distance", "order distance needs lat, long and radius" },
        { "bbox=-97.8,30.2,-97.7,30.3&order=distance", "order distance needs lat, long and radius" },
    };

    [Theory]
    [MemberData(nameof(BadPlaces))]
    public async Task BadPlacesAre400WithOneErrorInTheAskedFormat(string query, string error)
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        foreach (var format in new[] { "json", "xml", "geojson" })
        {
            var reply = await client.FetchAsync($"/open311/v2/requests.{format}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
            Assert.Equal(error, Assert.Single(reply.Errors));
        }
    }

    [Fact]
    public async Task ServiceRequestIdStillOverridesThePlace()
    {
        var (app, client, key) = await StartAsync();
        await using var _ = app;
        var far = await client.ReportAtAsync(key, 5000, 0);
        var reply = await client.FetchAsync($"/open311/v2/requests.xml?service_request_id={far}&{Places.Around(100)}&order=distance");
        Assert.Equal([far], reply.Ids());
        Assert.Null(reply.Xml.Element("request")!.Element("distance"));

    }
}
