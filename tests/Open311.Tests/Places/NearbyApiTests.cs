using System.Net;

namespace Open311.Tests;

// CONTRACT §10: GET /requests/nearby: open requests of the service within Open311:Nearby:Metres and 30 days,
// nearest first, at most 10.
public class NearbyApiTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    [InlineData("geojson")]
    public async Task NearbyListsOpenRequestsOfTheServiceNearestFirst(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var old = await client.ReportAtAsync(key, 5, 0);
        app.Clock.Advance(TimeSpan.FromDays(31));
        var far = await client.ReportAtAsync(key, 30, 0);
        var near = await client.ReportAtAsync(key, 0, 8);
        await client.ReportAtAsync(key, 70, 0);
        var closed = await client.ReportAtAsync(key, 2, 0);
        var other = (await client.PostFormAsync("/open311/v2/requests.json",
            [("api_key", key), ("service_code", "CCGRASS"), ("lat", Places.Text(Places.Lat)), ("long", Places.Text(Places.Long))])).Json[0]
            .GetProperty("service_request_id").GetString()!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/requests/{closed}")
        {
            Content = new StringContent("{\"status\":\"closed\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        patch.Headers.Authorization = new("Bearer", staff);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(patch)).StatusCode);

        var reply = await client.FetchAsync($"/open311/v2/requests/nearby.{format}?service_code=PWPOTHOL&lat={Places.Lat}&long={Places.Long}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var ids = format == "geojson"
            ? reply.Json.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList()
            : reply.Ids();
        Assert.Equal([near, far], ids);
        Assert.DoesNotContain(old, reply.Body);
        Assert.DoesNotContain(other, reply.Body);
        Assert.DoesNotContain("distance", reply.Body);

        var extended = await client.FetchAsync($"/open311/v2/requests/nearby.json?service_code=PWPOTHOL&lat={Places.Lat}&long={Places.Long}&extensions=true");
        Assert.Equal([8.0, 30.0], extended.Json.EnumerateArray().Select(r => Math.Round(r.GetProperty("distance").GetDouble())));
    }

    [Fact]
    public async Task NearbyIsAtMostTenAndItsReachIsASetting()
    {
        await using var app = new Open311App(new() { ["Open311:Nearby:Metres"] = "200" });
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add(await client.ReportAtAsync(key, 150 - 10 * i, 0));
        await client.ReportAtAsync(key, 210, 0);
        ids.Reverse();
        var reply = await client.FetchAsync($"/open311/v2/requests/nearby.json?service_code=PWPOTHOL&lat={Places.Lat}&long={Places.Long}");
        Assert.Equal(ids[..10], reply.Ids());
        Assert.Equal("", reply.Header("Link"));
    }

    public static TheoryData<string, int, string> BadLookups => new()
    {
        { "lat=30.2&long=-97.7", 400, "service_code is required: the service the new request would be for" },
        { "service_code=PWPOTHOL", 400, "lat and long are required: the point of the new request" },
        { "service_code=PWPOTHOL&lat=30.2", 400, "long is required with lat" },
        { "service_code=PWPOTHOL&lat=30.2&long=-200", 400, "long must be from -180 to 180" },
        { "service_code=PWPOTHOL&lat=30.2&long=-97.7&extensions=yes", 400, "extensions must be true or false, not 'yes'" },
        { "service_code=NOPE&lat=30.2&long=-97.7", 404, "service_code 'NOPE' was not found" },
    };

    [Theory]
    [MemberData(nameof(BadLookups))]
    public async Task BadLookupsHaveOneErrorEachInTheAskedFormat(string query, int status, string error)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        foreach (var format in new[] { "json", "xml" })
        {
            var reply = await client.FetchAsync($"/open311/v2/requests/nearby.{format}?{query}");
            Assert.Equal((HttpStatusCode)status, reply.Status);
            Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
            Assert.Equal(error, Assert.Single(reply.Errors));
        }
    }
}
