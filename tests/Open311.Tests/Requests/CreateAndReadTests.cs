using System.Net;
using System.Text.Json;

namespace Open311.Tests;

public class CreateAndReadTests
{
    static readonly (string, string)[] Personal =
    [
        ("email", "resident@example.com"), ("phone", "512-555-0199"), ("first_name", "Rosalind"),
        ("last_name", "Quintanilla"), ("device_id", "device-8c1f"), ("account_id", "acct-77421"),
    ];

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task CreatingAnswersTheIdTokenNoticeAndAccountId(string format)
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var reply = await app.CreateClient().PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole(key, Personal));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        if (format == "json")
        {
            Assert.Equal(Http.Json, reply.ContentType);
            var created = Assert.Single(reply.Json.EnumerateArray());
            Assert.Equal(["service_request_id", "token", "service_notice", "account_id"], created.EnumerateObject().Select(p => p.Name));
            Assert.Equal("26-00000001", created.GetProperty("service_request_id").GetString());
            Assert.Equal("acct-77421", created.GetProperty("account_id").GetString());
            Assert.Matches("^[A-Za-z0-9_-]{22,}$", created.GetProperty("token").GetString());
        }
        else
        {
            Assert.Equal(Http.Xml, reply.ContentType);
            Assert.Equal("service_requests", reply.Xml.Name.LocalName);
            var created = Assert.Single(reply.Xml.Elements("request"));
            Assert.Equal("26-00000001", (string?)created.Element("service_request_id"));
            Assert.Equal("acct-77421", (string?)created.Element("account_id"));
            Assert.Equal("", (string?)created.Element("service_notice"));
        }
    }

    [Fact]
    public async Task ARequestReadsBackTheSameByIdByTokenAndInTheList()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(key, [.. Personal, ("media_url", "https://example.com/p.jpg"), ("address_id", "ADDR-1")]);

        var byId = Assert.Single((await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json.EnumerateArray());
        var inList = (await client.FetchAsync("/open311/v2/requests.json")).Json.EnumerateArray().Single(r => r.GetProperty("service_request_id").GetString() == id);
        var byToken = Assert.Single((await client.FetchAsync($"/open311/v2/tokens/{token}.json", bearer: key)).Json.EnumerateArray());

        Assert.Equal(byId.GetRawText(), inList.GetRawText());
        Assert.Equal(id, byToken.GetProperty("service_request_id").GetString());
        Assert.Equal(token, byToken.GetProperty("token").GetString());

        Assert.Equal(
            ["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
             "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
             "lat", "long", "media_url", "token"],
            byId.EnumerateObject().Select(p => p.Name));
        Assert.Equal("open", byId.GetProperty("status").GetString());
        Assert.Equal("PWPOTHOL", byId.GetProperty("service_code").GetString());
        Assert.Equal("Pothole Repair", byId.GetProperty("service_name").GetString());
        Assert.Equal("Deep pothole in the right lane", byId.GetProperty("description").GetString());
        Assert.Equal("301 W 2nd St, Austin, TX 78701", byId.GetProperty("address").GetString());
        Assert.Equal("ADDR-1", byId.GetProperty("address_id").GetString());
        Assert.Equal(30.2672, byId.GetProperty("lat").GetDouble());
        Assert.Equal(-97.7431, byId.GetProperty("long").GetDouble());
        Assert.Equal("https://example.com/p.jpg", byId.GetProperty("media_url").GetString());
        Assert.Equal("2026-11-01T12:00:00Z", byId.GetProperty("requested_datetime").GetString());
        Assert.Equal(JsonValueKind.Null, byId.GetProperty("status_notes").ValueKind);
        Assert.Equal(token, byId.GetProperty("token").GetString());
    }

    [Fact]
    public async Task TheXmlOfARequestCarriesTheSameFields()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(key);
        var json = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        var xml = (await client.FetchAsync($"/open311/v2/requests/{id}.xml")).Xml;
        Assert.Equal("service_requests", xml.Name.LocalName);
        var request = Assert.Single(xml.Elements("request"));
        Assert.Equal(json.EnumerateObject().Select(p => p.Name), request.Elements().Select(e => e.Name.LocalName));
        foreach (var property in json.EnumerateObject())
        {
            var expected = property.Value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => property.Value.GetString(),
            };
            Assert.Equal(expected, request.Element(property.Name)!.Value);
        }
        Assert.Equal(token, (string?)request.Element("token"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task PersonalFieldsNeverAppearInAPublicResponse(string format)
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(key, Personal);
        var bodies = new[]
        {
            (await client.FetchAsync($"/open311/v2/requests/{id}.{format}")).Body,
            (await client.FetchAsync($"/open311/v2/requests/{id}.{format}?extensions=true")).Body,
            (await client.FetchAsync($"/open311/v2/requests.{format}?extensions=true")).Body,
            (await client.FetchAsync($"/open311/v2/requests.{format}?service_request_id={id}")).Body,
            (await client.FetchAsync($"/open311/v2/tokens/{token}.{format}", bearer: key)).Body,
        };
        foreach (var body in bodies)
            foreach (var (_, value) in Personal.Where(p => p.Item1 != "account_id"))
                Assert.DoesNotContain(value, body);
        Assert.All(bodies, b => Assert.DoesNotContain("acct-77421", b));
    }

    [Fact]
    public async Task ParametersInTheQueryStringAreAcceptedAndTheBodyWins()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var query = string.Join("&", Fixtures.Pothole(key).Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
        var onlyQuery = await client.PostAsync($"/open311/v2/requests.json?{query}", null).ReplyAsync();
        Assert.Equal(HttpStatusCode.OK, onlyQuery.Status);

        var both = await client.PostFormAsync($"/open311/v2/requests.json?{query}", [("description", "From the body")]);
        Assert.Equal(HttpStatusCode.OK, both.Status);
        var id = both.Json[0].GetProperty("service_request_id").GetString();
        var read = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal("From the body", read.GetProperty("description").GetString());
        Assert.Equal("301 W 2nd St, Austin, TX 78701", read.GetProperty("address").GetString());
    }

    [Fact]
    public async Task BothMultivaluelistEncodingsAreAccepted()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        (string, string)[] common = [("api_key", key), ("service_code", "SWSMISSE"), ("address_string", "1 Main St"),
            ("attribute[PICKDATE]", "2026-10-30T06:00:00-05:00"), ("attribute[CARTOUT]", "yes")];
        var brackets = await client.PostFormAsync("/open311/v2/requests.json", [.. common, ("attribute[CARTTYPE][]", "trash"), ("attribute[CARTTYPE][]", "compost")]);
        var repeated = await client.PostFormAsync("/open311/v2/requests.json", [.. common, ("attribute[CARTTYPE]", "trash"), ("attribute[CARTTYPE]", "compost")]);
        foreach (var reply in new[] { brackets, repeated })
        {
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var id = reply.Json[0].GetProperty("service_request_id").GetString();
            var details = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0].GetProperty("details");
            Assert.Equal(["trash", "compost"], details.GetProperty("CARTTYPE").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal("2026-10-30T11:00:00Z", details.GetProperty("PICKDATE").GetString());
        }
    }

    [Fact]
    public async Task InformationalAndUnknownAttributesAreIgnored()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(key, ("attribute[POTHINFO]", "sent anyway"), ("attribute[NOSUCH]", "x"));
        var details = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0].GetProperty("details");
        Assert.Equal(["POTHSIZE"], details.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnAddressAloneOrAnAddressIdAloneIsALocation()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var withoutCoordinates = Fixtures.Pothole(key).Where(f => f.Item1 is not ("lat" or "long")).ToList();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", withoutCoordinates)).Status);
        var idOnly = withoutCoordinates.Where(f => f.Item1 != "address_string").Append(("address_id", "5501234")).ToList();
        var reply = await client.PostFormAsync("/open311/v2/requests.json", idOnly);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var read = (await client.FetchAsync($"/open311/v2/requests/{reply.Json[0].GetProperty("service_request_id").GetString()}.json")).Json[0];
        Assert.Equal(JsonValueKind.Null, read.GetProperty("lat").ValueKind);
        Assert.Equal("5501234", read.GetProperty("address_id").GetString());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnUnknownRequestIs404(string format)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/requests/26-99999999.{format}");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("service_request_id '26-99999999' was not found", Assert.Single(reply.Errors));
    }

    [Fact]
    public async Task IdsFollowTheYearAndCountWithinIt()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        Assert.Equal("26-00000001", (await client.CreatePotholeAsync(key)).Id);
        Assert.Equal("26-00000002", (await client.CreatePotholeAsync(key)).Id);
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.Equal("27-00000001", (await client.CreatePotholeAsync(key)).Id);
    }

    [Fact]
    public async Task TheYearOfAnIdIsTheJurisdictionsYear()
    {
        await using var app = new Open311App(new() { ["Open311:TimeZone"] = "America/Chicago" });
        var key = await app.KeyAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 3, 0, 0, TimeSpan.Zero)); // still 2026 in Austin
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(key);
        Assert.StartsWith("26-", id);
        var read = (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Json[0];
        Assert.Equal("2026-12-31T21:00:00-06:00", read.GetProperty("requested_datetime").GetString());
    }

    [Fact]
    public async Task TwoHundredConcurrentCreationsGetDistinctIdsAndTokens()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key, ("description", $"Pothole number {i}")))));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var created = replies.Select(r => r.Json[0]).ToList();
        Assert.Equal(200, created.Select(c => c.GetProperty("service_request_id").GetString()).Distinct().Count());
        Assert.Equal(200, created.Select(c => c.GetProperty("token").GetString()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(n => $"26-{n:00000000}").Order(),
            created.Select(c => c.GetProperty("service_request_id").GetString()).Order());
    }
}
