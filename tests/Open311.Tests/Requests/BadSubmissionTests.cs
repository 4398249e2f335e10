using System.Net;
using System.Text;
using Dapper;

namespace Open311.Tests;

// A table of bad submissions, each with its status and the parameter its error names, in both
// formats; none of them stores anything.
public class BadSubmissionTests(BadSubmissionTests.App shared) : IClassFixture<BadSubmissionTests.App>
{
    // One server for the refusals: none of them stores anything, and each test checks that.
    public sealed class App : IAsyncLifetime
    {
        internal Open311App Server { get; } = new();
        public string Key { get; private set; } = "";
        public async Task InitializeAsync() => Key = await Server.KeyAsync();
        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    sealed record Case(int Status, string Error, Func<string, HttpContent> Body, string Query = "", string? Bearer = null);

    static FormUrlEncodedContent Form(IEnumerable<(string, string)> fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    static Func<string, HttpContent> Pothole(params (string, string)[] changes) => key => Form(Fixtures.Pothole(key, changes));

    static Func<string, HttpContent> PotholeWithout(params string[] names) =>
        key => Form(Fixtures.Pothole(key).Where(f => !names.Contains(f.Item1)));

    static Func<string, HttpContent> Service(string code, params (string, string)[] fields) =>
        key => Form(new[] { ("api_key", key), ("service_code", code), ("address_string", "100 Congress Ave") }.Concat(fields));

    static readonly (string, string)[] Missed = [("attribute[CARTTYPE][]", "trash"), ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes")];

    // What only HTTP shows: the refusals before Submission.Parse (the body, the key, the service), and a few of
    // Parse's own to show its errors reach the caller. SubmissionParseTests has every rule of Parse as a table.
    static readonly Dictionary<string, Case> Cases = new()
    {
        ["no service_code"] = new(400, "service_code is required", PotholeWithout("service_code")),
        ["empty service_code"] = new(400, "service_code is required", Pothole(("service_code", ""))),
        ["unknown service_code"] = new(404, "service_code 'NOSUCH' was not found", Pothole(("service_code", "NOSUCH"))),
        ["lat 91"] = new(400, "lat must be from -90 to 90", Pothole(("lat", "91"))),
        ["missing required attribute"] = new(400, "attribute[POTHSIZE] is required", PotholeWithout("attribute[POTHSIZE]")),
        ["an unknown multivaluelist key"] = new(400, "attribute[CARTTYPE] must be one of trash, recycling, compost, bulk, not 'glass'",
            Service("SWSMISSE", ("attribute[CARTTYPE][]", "trash"), ("attribute[CARTTYPE][]", "glass"), ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes"))),
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

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task ABadSubmissionIsRefusedWithItsErrorAndNothingIsStored(string name, string format)
    {
        var c = Cases[name];
        var (app, key) = (shared.Server, shared.Key);
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
        var (app, key) = (shared.Server, shared.Key);
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
