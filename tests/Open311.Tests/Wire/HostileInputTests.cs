using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Dapper;

namespace Open311.Tests;

// Text no XML 1.0 document can carry, and bytes that are not UTF-8: refused at every door with one error per
// field in the caller's format (nothing stored), and, where it is already stored, written safely in XML.
public class HostileInputTests
{
    public static TheoryData<string, string, string> EchoedParameters()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var format in Http.Formats)
        {
            rows.Add($"/open311/v2/requests.{format}?service_code=%00", format, "service_code must not contain control characters");
            rows.Add($"/open311/v2/services.{format}?jurisdiction_id=a%00b", format, "jurisdiction_id must not contain control characters");
            rows.Add($"/open311/v2/requests.{format}?q=pot%00hole", format, "q must not contain control characters");
            rows.Add($"/open311/v2/requests.{format}?service_request_id=26-1%EF%BF%BE", format, "service_request_id must not contain U+FFFE");
            rows.Add($"/open311/v2/requests/a%01b.{format}", format, "service_request_id must not contain control characters (found U+0001");
            rows.Add($"/open311/v2/services/PWPOTHOL%1F.{format}", format, "service_code must not contain control characters");
            rows.Add($"/open311/v2/tokens/%EF%BF%BF.{format}", format, "token must not contain U+FFFF");
            rows.Add($"/open311/v2/requests.{format}?%0B=1", format, "a query parameter name must not contain control characters");
            rows.Add($"/open311/v2/requests.{format}?status=%C0%AF", format, "status is not valid UTF-8");
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(EchoedParameters))]
    public async Task AParameterXmlCannotCarryIs400NamingItInTheAskedFormat(string url, string format, string error)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains(reply.Errors, e => e.StartsWith(error));
    }

    [Theory]
    [InlineData("/api/v1/requests/a%01b", "id")]
    [InlineData("/api/v1/nothing/X%01", "path")] // no route: the path is named
    [InlineData("/api/v1/services?x=%EF%BF%BF", "x")]
    public async Task TheStaffApiRefusesTheSameWithProblemDetails(string url, string field)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().StaffGetAsync(url, await app.KeyAsync("staff"));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.IsProblem(), reply.ContentType);
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty(field, out _), reply.Body);
    }

    public static TheoryData<string, string, string> PostedFields()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var format in Http.Formats)
        {
            rows.Add(format, "description=pothole%EF%BF%BE", "description must not contain U+FFFE");
            rows.Add(format, "address_string=1%20Main%EF%BF%BF", "address_string must not contain U+FFFF");
            rows.Add(format, "address_id=A%00", "address_id must not contain control characters");
            rows.Add(format, "description=x%ED%A0%80", "description is not valid UTF-8");
            rows.Add(format, "first_name=%C0%AF", "first_name is not valid UTF-8");
            rows.Add(format, "device_id=%FF%FE", "device_id is not valid UTF-8");
            rows.Add(format, "attribute%5BPOTHSIZE%5D=large%01", "attribute[POTHSIZE] must not contain control characters");
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(PostedFields))]
    public async Task APostedFieldXmlCannotCarryIsRefusedAndNothingIsStored(string format, string field, string error)
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var name = field[..field.IndexOf('=')];
        var body = string.Join('&', Fixtures.Pothole(key)
            .Where(f => Uri.EscapeDataString(f.Item1) != name)
            .Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}")
            .Append(field));
        var reply = await app.CreateClient().PostAsync($"/open311/v2/requests.{format}",
            RawForm(body)).ReplyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.StartsWith(error, Assert.Single(reply.Errors));
        await AssertNoRequestsAsync(app);
    }

    [Fact]
    public async Task EachRefusedFieldGetsItsOwnError()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var body = $"api_key={key}&service_code=PWPOTHOL&address_string=%EF%BF%BE&description=%ED%A0%80&phone=%01&attribute%5BPOTHSIZE%5D=large";
        var reply = await app.CreateClient().PostAsync("/open311/v2/requests.json",
            RawForm(body)).ReplyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(3, reply.Errors.Count);
        Assert.Contains(reply.Errors, e => e.StartsWith("address_string must not contain U+FFFE"));
        Assert.Contains(reply.Errors, e => e == "description is not valid UTF-8");
        Assert.Contains(reply.Errors, e => e.StartsWith("phone must not contain control characters"));
        await AssertNoRequestsAsync(app);
    }

    [Fact]
    public async Task AMultipartFieldXmlCannotCarryIsRefusedToo()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fixtures.Pothole(key, ("description", "bad\uFFFF"))) form.Add(new StringContent(value), name);
        var reply = await app.CreateClient().PostAsync("/open311/v2/requests.xml", form).ReplyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("description must not contain U+FFFF", Assert.Single(reply.Errors));
        await AssertNoRequestsAsync(app);
    }

    public static TheoryData<string, string, string> StaffBodies() => new()
    {
        { "/api/v1/services", """{"service_code":"BAD1","service_name":"bad\u0001name"}""", "service_name" },
        { "/api/v1/services", """{"service_code":"BAD2","service_name":"ok","attributes":[{"code":"A","datatype":"string","description":"x\ud800","order":1}]}""", "attributes[0].description" },
        { "/api/v1/services", """{"service_code":"BAD3","service_name":"ok","notice":"\uffff"}""", "notice" },
        { "/api/v1/services", """{"service_code":"BAD4","service_name":"ok","bad\u0000name":1}""", "body" },
        { "/api/v1/keys", """{"name":"bell\u0007"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(StaffBodies))]
    public async Task AStaffBodyWithTextXmlCannotCarryIs400ByFieldAndNothingIsStored(string url, string json, string field)
    {
        await using var app = new Open311App();
        var admin = await app.KeyAsync("admin");
        var reply = await app.CreateClient().StaffAsync(HttpMethod.Post, url, admin, json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.IsProblem());
        Assert.Contains("must not contain", reply.Json.GetProperty("errors").GetProperty(field)[0].GetString());
        await using var connection = await app.Get<Database>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM services WHERE service_code LIKE 'BAD%'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys"));
    }

    [Theory]
    [InlineData("""{"description":"nul \u0000 here","public":true}""", "notes", "description")]
    [InlineData("""{"description":"fine","summary":"\ufffe","public":true}""", "notes", "summary")]
    public async Task ANoteWithTextXmlCannotCarryIsRefused(string json, string path, string field)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        var reply = await client.StaffAsync(HttpMethod.Post, $"/api/v1/requests/{id}/{path}", await app.KeyAsync("staff"), json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Json.GetProperty("errors").TryGetProperty(field, out _), reply.Body);
        var patch = await client.StaffAsync(HttpMethod.Patch, $"/api/v1/requests/{id}", await app.KeyAsync("staff"), """{"status_notes":"a\u001fb"}""");
        Assert.Equal(HttpStatusCode.BadRequest, patch.Status);
        await using var connection = await app.Get<Database>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM request_notes"));
        Assert.Null(await connection.ExecuteScalarAsync<string>("SELECT status_notes FROM requests"));
    }

    // Databases written before the rule (or by hand) may hold such text: every XML answer stays well formed,
    // the character written as U+FFFD; JSON keeps it. (PostgreSQL can't store NUL at all, so U+0001 and U+FFFF.)
    [Fact]
    public async Task StoredTextXmlCannotCarryIsWrittenAsUFFFDInXmlAndKeptInJson()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        await using (var connection = await app.Get<Database>().OpenAsync()) // before the catalog is first read
            await connection.ExecuteAsync("UPDATE services SET service_name = @name WHERE service_code = 'PWPOTHOL'", new { name = "Pot\u0001hole" });
        var (id, _) = await client.CreatePotholeAsync(key);
        await using (var connection = await app.Get<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE requests SET description = @text, address = @address",
                new { text = "deep\uFFFFhole", address = "1 Main\u001B St" });
            await connection.ExecuteAsync("UPDATE request_notes SET summary = @summary", new { summary = "opened\u0002" });
        }

        foreach (var url in new[] { "/open311/v2/services.xml", "/open311/v2/requests.xml", $"/open311/v2/requests/{id}.xml?extensions=true",
                     $"/open311/v2/requests.xml?service_request_id={id}" })
        {
            var xml = await client.FetchAsync(url);
            Assert.Equal(HttpStatusCode.OK, xml.Status);
            using var reader = XmlReader.Create(new StringReader(xml.Body));
            while (reader.Read()) { }
            Assert.DoesNotContain('\u0001', xml.Body);
        }
        var one = (await client.FetchAsync($"/open311/v2/requests/{id}.xml?extensions=true")).Xml.Element("request")!;
        Assert.Equal("deep\uFFFDhole", (string)one.Element("description")!);
        Assert.Equal("1 Main\uFFFD St", (string)one.Element("address")!);
        Assert.Equal("Pot\uFFFDhole", (string)one.Element("service_name")!);
        Assert.Equal("opened\uFFFD", (string)one.Element("notes")!.Element("note")!.Element("summary")!);

        var json = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0];
        Assert.Equal("deep\uFFFFhole", json.GetProperty("description").GetString());
        Assert.Equal("Pot\u0001hole", json.GetProperty("service_name").GetString());
        var services = await client.FetchAsync("/open311/v2/services.json");
        Assert.Contains(services.Json.EnumerateArray(), s => s.GetProperty("service_name").GetString() == "Pot\u0001hole");
    }

    // The body as written, with no charset parameter (StringContent would add "us-ascii", which the form reader honours).
    static ByteArrayContent RawForm(string body) =>
        new(Encoding.ASCII.GetBytes(body)) { Headers = { ContentType = new("application/x-www-form-urlencoded") } };

    static async Task AssertNoRequestsAsync(Open311App app)
    {
        await using var connection = await app.Get<Database>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'request'"));
    }
}
