using System.Net;
using System.Text;
using Dapper;

namespace Open311.Tests;

// A table of bad submissions, each with its status and the parameter its error names, in both
// formats; none of them stores anything.
public class BadSubmissionTests
{
    sealed record Case(int Status, string Error, Func<string, HttpContent> Body, string Query = "", string? Bearer = null);

    static FormUrlEncodedContent Form(IEnumerable<(string, string)> fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    static Func<string, HttpContent> Pothole(params (string, string)[] changes) => key => Form(Fixtures.Pothole(key, changes));

    static Func<string, HttpContent> PotholeWithout(params string[] names) =>
        key => Form(Fixtures.Pothole(key).Where(f => !names.Contains(f.Item1)));

    static Func<string, HttpContent> Service(string code, params (string, string)[] fields) =>
        key => Form(new[] { ("api_key", key), ("service_code", code), ("address_string", "100 Congress Ave") }.Concat(fields));

    static readonly (string, string)[] Missed = [("attribute[CARTTYPE][]", "trash"), ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes")];

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["no service_code"] = new(400, "service_code is required", PotholeWithout("service_code")),
        ["empty service_code"] = new(400, "service_code is required", Pothole(("service_code", ""))),
        ["unknown service_code"] = new(404, "service_code 'NOSUCH' was not found", Pothole(("service_code", "NOSUCH"))),
        ["lat 91"] = new(400, "lat must be from -90 to 90", Pothole(("lat", "91"))),
        ["lat -90.0001"] = new(400, "lat must be from -90 to 90", Pothole(("lat", "-90.0001"))),
        ["long 181"] = new(400, "long must be from -180 to 180", Pothole(("long", "181"))),
        ["text longitude"] = new(400, "long must be a decimal number", Pothole(("long", "west"))),
        ["lat NaN"] = new(400, "lat must be a decimal number", Pothole(("lat", "NaN"))),
        ["lat overflowing"] = new(400, "lat must be a decimal number", Pothole(("lat", "1e400"))),
        ["lat with a decimal comma"] = new(400, "lat must be a decimal number", Pothole(("lat", "30,26"))),
        ["lat without long"] = new(400, "long is required with lat", PotholeWithout("long")),
        ["long without lat"] = new(400, "lat is required with long", PotholeWithout("lat")),
        ["no location"] = new(400, "a request needs a location", PotholeWithout("lat", "long", "address_string")),
        ["description of 4001 characters"] = new(400, "description must be at most 4000 characters", Pothole(("description", new string('a', 4001)))),
        ["description with a control character"] = new(400, "description must not contain control characters", Pothole(("description", "bad\u0001byte"))),
        ["address_string of 501 characters"] = new(400, "address_string must be at most 500 characters", Pothole(("address_string", new string('b', 501)))),
        ["address_id of 101 characters"] = new(400, "address_id must be at most 100 characters", Pothole(("address_id", new string('1', 101)))),
        ["email that is not one"] = new(400, "email is not an email address", Pothole(("email", "not-an-email"))),
        ["phone of 41 characters"] = new(400, "phone must be at most 40 characters", Pothole(("phone", new string('5', 41)))),
        ["first_name of 101 characters"] = new(400, "first_name must be at most 100 characters", Pothole(("first_name", new string('x', 101)))),
        ["last_name of 101 characters"] = new(400, "last_name must be at most 100 characters", Pothole(("last_name", new string('x', 101)))),
        ["device_id of 101 characters"] = new(400, "device_id must be at most 100 characters", Pothole(("device_id", new string('d', 101)))),
        ["account_id of 101 characters"] = new(400, "account_id must be at most 100 characters", Pothole(("account_id", new string('a', 101)))),
        ["ftp media_url"] = new(400, "media_url must be an absolute http or https URL", Pothole(("media_url", "ftp://example.com/a.jpg"))),
        ["relative media_url"] = new(400, "media_url must be an absolute http or https URL", Pothole(("media_url", "/photos/a.jpg"))),
        ["channel with capitals"] = new(400, "channel must be", Pothole(("channel", "Web App"))),
        ["missing required attribute"] = new(400, "attribute[POTHSIZE] is required", PotholeWithout("attribute[POTHSIZE]")),
        ["unknown list key"] = new(400, "attribute[POTHSIZE] must be one of small, medium, large, not 'huge'", Pothole(("attribute[POTHSIZE]", "huge"))),
        ["two values for a singlevaluelist"] = new(400, "attribute[POTHSIZE] takes one value",
            key => Form(Fixtures.Pothole(key).Append(("attribute[POTHSIZE]", "small")))),
        ["a number that isn't"] = new(400, "attribute[POTHDEEP] must be a number", Pothole(("attribute[POTHDEEP]", "deep"))),
        ["an infinite number"] = new(400, "attribute[POTHDEEP] must be a number", Pothole(("attribute[POTHDEEP]", "Infinity"))),
        ["a string attribute of 501 characters"] = new(400, "attribute[POTHLANE] must be at most 500 characters", Pothole(("attribute[POTHLANE]", new string('l', 501)))),
        ["a datetime that isn't"] = new(400, "attribute[PICKDATE] must be an ISO 8601 datetime",
            Service("SWSMISSE", ("attribute[CARTTYPE][]", "trash"), ("attribute[PICKDATE]", "yesterday"), ("attribute[CARTOUT]", "yes"))),
        ["a datetime in month 13"] = new(400, "attribute[PICKDATE] must be an ISO 8601 datetime",
            Service("SWSMISSE", ("attribute[CARTTYPE][]", "trash"), ("attribute[PICKDATE]", "2026-13-01"), ("attribute[CARTOUT]", "yes"))),
        ["an unknown multivaluelist key"] = new(400, "attribute[CARTTYPE] must be one of trash, recycling, compost, bulk, not 'glass'",
            Service("SWSMISSE", ("attribute[CARTTYPE][]", "trash"), ("attribute[CARTTYPE][]", "glass"), ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes"))),
        ["a missing required multivaluelist"] = new(400, "attribute[CARTTYPE] is required",
            Service("SWSMISSE", ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes"))),
        ["a text attribute with a bell"] = new(400, "attribute[DOGDESC] must not contain control characters",
            Service("ACLONAG", ("attribute[DOGCOUNT]", "1"), ("attribute[DOGAGGR]", "no"), ("attribute[DOGDESC]", "brown \u0007 dog"))),
        ["an inactive service"] = new(400, "service_code SWSDEADA is not accepting new requests: Dead animal collection", Service("SWSDEADA")),
        ["a foreign jurisdiction_id"] = new(404, "jurisdiction_id 'dallascityhall.com' is not served here", Pothole(("jurisdiction_id", "dallascityhall.com"))),
        ["a JSON body"] = new(415, "Content-Type must be application/x-www-form-urlencoded or multipart/form-data",
            key => new StringContent($$"""{"api_key":"{{key}}","service_code":"PWPOTHOL"}""", Encoding.UTF8, "application/json")),
        ["a text body"] = new(415, "Content-Type must be", _ => new StringContent("service_code=PWPOTHOL", Encoding.UTF8, "text/plain")),
        ["a form that is not UTF-8"] = new(400, "is not valid UTF-8", key => new ByteArrayContent(
            Encoding.ASCII.GetBytes($"api_key={key}&service_code=PWPOTHOL&address_string=x&attribute%5BPOTHSIZE%5D=large&description=")
                .Concat(new byte[] { 0xFF, 0xFE, 0x41 }).ToArray()) { Headers = { ContentType = new("application/x-www-form-urlencoded") } }),
        ["a query string that is not UTF-8"] = new(400, "description is not valid UTF-8", Pothole(), Query: "?description=%FF%FE"),
        ["no key"] = new(403, "api_key is required to create a request", PotholeWithout("api_key")),
        ["an unknown key"] = new(403, "api_key is unknown or revoked", Pothole(("api_key", "o311_not_a_key"))),
        ["two different keys"] = new(400, "api_key was sent twice", Pothole(), Bearer: "o311_another"),
        ["a multipart form with only a key"] = new(400, "service_code is required", key => new MultipartFormDataContent { { new StringContent(key), "api_key" } }),
        ["a required attribute sent empty"] = new(400, "attribute[POTHSIZE] is required", Pothole(("attribute[POTHSIZE]", ""))),
    };

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var name in Cases.Keys)
            foreach (var format in Http.Formats) rows.Add(name, format);
        return rows;
    }

    [Fact]
    public void TheTableHasAtLeastFortyBadInputs() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task ABadSubmissionIsRefusedWithItsErrorAndNothingIsStored(string name, string format)
    {
        var c = Cases[name];
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}{c.Query}") { Content = c.Body(key) };
        if (c.Bearer is not null) request.Headers.Authorization = new("Bearer", c.Bearer);
        var reply = await app.CreateClient().SendAsync(request).ReplyAsync();

        Assert.Equal(c.Status, (int)reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains(reply.Errors, e => e.Contains(c.Error));
        Assert.All(reply.Errors, e => Assert.DoesNotContain("Exception", e));
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task EveryProblemIsListedInOneAnswer(string format)
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var reply = await app.CreateClient().PostFormAsync($"/open311/v2/requests.{format}",
            Fixtures.Pothole(key, ("lat", "91"), ("attribute[POTHSIZE]", "huge"), ("description", new string('a', 4001)), ("email", "nope")));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(4, reply.Errors.Count);
        Assert.Contains(reply.Errors, e => e.StartsWith("lat "));
        Assert.Contains(reply.Errors, e => e.StartsWith("attribute[POTHSIZE] "));
        Assert.Contains(reply.Errors, e => e.StartsWith("description "));
        Assert.Contains(reply.Errors, e => e.StartsWith("email "));
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ALocationOutsideTheJurisdictionIsRefused(string format)
    {
        await using var app = new Open311App(new()
        {
            ["Open311:Bounds:South"] = "30.0", ["Open311:Bounds:North"] = "30.6",
            ["Open311:Bounds:West"] = "-98.1", ["Open311:Bounds:East"] = "-97.4",
        });
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var dallas = await client.PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole(key, ("lat", "32.7767"), ("long", "-96.797")));
        Assert.Equal(HttpStatusCode.BadRequest, dallas.Status);
        Assert.Contains("inside the jurisdiction", Assert.Single(dallas.Errors));
        await AssertNothingStoredAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole(key))).Status);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ABodyOverTheConfiguredLimitIs413(string format)
    {
        await using var app = new Open311App(new() { ["Open311:MaxRequestBodyBytes"] = "4096" });
        var key = await app.KeyAsync();
        var reply = await app.CreateClient().PostFormAsync($"/open311/v2/requests.{format}",
            Fixtures.Pothole(key, ("address_id", new string('x', 5000))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains("too large", Assert.Single(reply.Errors));
        await AssertNothingStoredAsync(app);
    }

    static async Task AssertNothingStoredAsync(Open311App app)
    {
        await using var connection = await app.Get<Database>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM request_attributes"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM request_notes"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'request'"));
    }
}
