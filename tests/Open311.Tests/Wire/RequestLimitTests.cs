using System.Net;

namespace Open311.Tests;

// Open311:Limits through the in-memory host: a URL or headers over the limit are answered by the application,
// in the caller's format. (Kestrel's own limits, which the in-memory host does not apply, are in KestrelRefusalTests.)
public class RequestLimitTests
{
    static string Ids(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => $"26-{i:D8}"));

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A5000IdListReachesTheApplicationAndHearsTheListsOwnLimit(string format)
    {
        await using var app = new Open311App();
        var url = $"/open311/v2/requests.{format}?service_request_id={Ids(5000)}";
        Assert.True(url.Length > 8 * 1024, "longer than Kestrel's default request line");
        var reply = await app.CreateClient().FetchAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains($"may list at most {RequestSearch.MaxIds} ids", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AUrlOverTheLimitIs414InTheAskedFormat(string format)
    {
        await using var app = new Open311App(new() { ["Open311:Limits:MaxUrlBytes"] = "4096" });
        var client = app.CreateClient();
        var fits = await client.FetchAsync($"/open311/v2/requests.{format}?x={new string('a', 3900)}");
        Assert.Equal(HttpStatusCode.OK, fits.Status);
        var reply = await client.FetchAsync($"/open311/v2/requests.{format}?x={new string('a', 4100)}");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains("this server reads URLs of at most 4096 bytes", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task HeadersOverTheLimitAre431InTheAskedFormat(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var big = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/services.{format}");
        big.Headers.Add("X-Padding", new string('p', 33 * 1024));
        var reply = await client.SendAsync(big).ReplyAsync();
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        Assert.Contains("this server reads at most 32768", Assert.Single(reply.Errors));

        var many = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/services.{format}");
        for (var i = 0; i < 101; i++) many.Headers.Add($"X-H{i}", "1");
        var counted = await client.SendAsync(many).ReplyAsync();
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, counted.Status);
        Assert.Contains("headers; this server reads at most 100", Assert.Single(counted.Errors));
    }

    [Fact]
    public async Task TheStaffApiAnswersTheLimitsWithProblemDetails()
    {
        await using var app = new Open311App(new() { ["Open311:Limits:MaxUrlBytes"] = "2048" });
        var reply = await app.CreateClient().StaffGetAsync($"/api/v1/services?x={new string('x', 3000)}", await app.KeyAsync("staff"));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, reply.Status);
        Assert.True(reply.IsProblem(), reply.ContentType);
        Assert.Equal(414, reply.Json.GetProperty("status").GetInt32());
    }
}
