using System.Net;
using System.Text.Json;

namespace Open311.Tests;

// CONTRACT §10: services limited to areas of their own, set through the staff API as GeoJSON; the services
// offered at a point; a request outside its service's area is 400 with the service's notice.
public class ServiceAreaTests
{
    static async Task<(Open311App App, HttpClient Client, string Key, string Staff)> StartAsync()
    {
        var app = new Open311App();
        return (app, app.CreateClient(), await app.KeyAsync(), await app.KeyAsync("staff"));
    }

    static async Task<List<string>> OfferedAsync(HttpClient client, string format, double north, double east)
    {
        var (lat, lon) = Places.Offset(north, east);
        var reply = await client.FetchAsync($"/open311/v2/services.{format}?lat={Places.Text(lat)}&long={Places.Text(lon)}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return format == "json"
            ? reply.Json.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()!).ToList()
            : reply.Xml.Elements("service").Select(s => (string)s.Element("service_code")!).ToList();
    }

    static Task<Reply> PutAreaAsync(HttpClient client, string staff, string code, string geojson)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{code}/area")
        {
            Content = new StringContent(geojson, System.Text.Encoding.UTF8, "application/geo+json"),
        };
        request.Headers.Authorization = new("Bearer", staff);
        return client.SendAsync(request).ReplyAsync();
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task TheServicesAtAPointAreThoseWhoseAreaHoldsIt(string format)
    {
        var (app, client, _, staff) = await StartAsync();
        await using var __ = app;
        var all = await OfferedAsync(client, format, 0, 0);
        Assert.Contains("PWPOTHOL", all);

        var put = await PutAreaAsync(client, staff, "PWPOTHOL", Shapes.Square(1000));
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("Polygon", put.Json.GetProperty("area").GetProperty("type").GetString());
        Assert.Equal(all, await OfferedAsync(client, format, 500, 500));
        var outside = await OfferedAsync(client, format, 3000, 0);
        Assert.Equal(all.Where(c => c != "PWPOTHOL"), outside);

        var area = await client.StaffGetAsync("/api/v1/services/PWPOTHOL/area", staff);
        Assert.Equal("application/geo+json; charset=utf-8", area.ContentType);
        Assert.Equal("Polygon", area.Json.GetProperty("type").GetString());

        var cleared = await client.StaffAsync(HttpMethod.Delete, "/api/v1/services/PWPOTHOL/area", staff);
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.False(cleared.Json.TryGetProperty("area", out var none) && none.ValueKind != JsonValueKind.Null);
        Assert.Equal(all, await OfferedAsync(client, format, 3000, 0));
        Assert.Equal(HttpStatusCode.NotFound, (await client.StaffGetAsync("/api/v1/services/PWPOTHOL/area", staff)).Status);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ARequestOutsideItsServicesAreaIs400WithTheNotice(string format)
    {
        var (app, client, key, staff) = await StartAsync();
        await using var __ = app;
        var service = (await client.StaffGetAsync("/api/v1/services/PWPOTHOL", staff)).Json;
        var body = JsonSerializer.Serialize(service.EnumerateObject().Where(p => p.Name is not ("updated_at" or "notice" or "area"))
            .ToDictionary(p => p.Name, p => p.Value)
            .Append(new("notice", JsonDocument.Parse("\"Potholes east of the river: call the county.\"").RootElement))
            .Append(new("area", JsonDocument.Parse(Shapes.Square(1000)).RootElement))
            .ToDictionary());
        Assert.Equal(HttpStatusCode.OK, (await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", staff, body)).Status);

        var inside = await client.ReportAtAsync(key, 900, -900);
        var (lat, lon) = Places.Offset(1500, 0);
        var reply = await client.PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole(key, ("lat", Places.Text(lat)), ("long", Places.Text(lon))));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal($"service_code PWPOTHOL is not offered at this location (lat {lat}, long {lon}): Potholes east of the river: call the county.",
            Assert.Single(reply.Errors));
        Assert.Equal([inside], (await client.FetchAsync("/open311/v2/requests.json")).Ids());
        // Another service, without an area, is taken there.
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json",
            [("api_key", key), ("service_code", "CCGRASS"), ("lat", Places.Text(lat)), ("long", Places.Text(lon))])).Status);
    }

    [Fact]
    public async Task ABadAreaIsRefusedNamingTheFieldAndChangesNothing()
    {
        var (app, client, _, staff) = await StartAsync();
        await using var __ = app;
        var before = (await client.StaffGetAsync("/api/v1/services/PWPOTHOL", staff)).Body;
        var bad = await PutAreaAsync(client, staff, "PWPOTHOL", "{\"type\":\"Point\",\"coordinates\":[-97.7,30.2]}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.IsProblem());
        Assert.Equal("must be a Polygon or MultiPolygon, not a Point", bad.Json.GetProperty("errors").GetProperty("area")[0].GetString());
        var broken = await PutAreaAsync(client, staff, "PWPOTHOL", "{\"type\":");
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAreaAsync(client, staff, "NOPE", Shapes.Square(10))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAreaAsync(client, await app.KeyAsync(), "PWPOTHOL", Shapes.Square(10))).Status);
        Assert.Equal(before, (await client.StaffGetAsync("/api/v1/services/PWPOTHOL", staff)).Body);
    }

    [Fact]
    public async Task TheCatalogFileCarriesTheArea()
    {
        var folder = Directory.CreateTempSubdirectory("open311-areas-").FullName;
        try
        {
            var (source, client, _, staff) = await StartAsync();
            await using var _ = source;
            await PutAreaAsync(client, staff, "DRCLOG", Shapes.Square(1000, north: 5000));
            var file = Path.Combine(folder, "catalog.json");
            Assert.Equal(0, await AdminCommands.RunAsync(source.Services, ["services", "export", file]));
            Assert.Contains("\"area\"", File.ReadAllText(file));

            await using var target = new Open311App(new() { ["Open311:DemoCatalog"] = "false" });
            var targetClient = target.CreateClient();
            Assert.Equal(0, await AdminCommands.RunAsync(target.Services, ["services", "import", file]));
            Assert.DoesNotContain("DRCLOG", await OfferedAsync(targetClient, "json", 0, 0));
            Assert.Contains("DRCLOG", await OfferedAsync(targetClient, "json", 5000, 0));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AServiceListAtABadPointIs400()
    {
        var (app, client, _, _) = await StartAsync();
        await using var __ = app;
        var reply = await client.FetchAsync("/open311/v2/services.xml?lat=30.2");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("long is required with lat", Assert.Single(reply.Errors));
    }
}
