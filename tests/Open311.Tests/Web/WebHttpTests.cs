using System.Net;

namespace Open311.Tests;

// What only HTTP shows about the web pages: their headers, their error pages beside the API's, antiforgery,
// and that they are not counted against the API's per-minute limit.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class WebHttpTests
{
    static HttpRequestMessage Page(string path, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Fact]
    public async Task PagesCarryAStrictPolicyAndTheApiIsUnchanged()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var home = await client.SendAsync(Page("/")).ReplyAsync();
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.StartsWith("text/html", home.ContentType);
        var policy = home.Header("Content-Security-Policy");
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("same-origin", home.Header("Referrer-Policy"));
        Assert.DoesNotContain("<script>", home.Body);

        var api = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(Http.Json, api.ContentType);
        Assert.StartsWith("default-src 'none'", api.Header("Content-Security-Policy")); // data: SecurityHeaderTests
    }

    [Fact]
    public async Task ABrowserGetsAnHtmlNotFoundPageAndEveryoneElseTheErrorList()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var page = await client.SendAsync(Page("/nowhere", "es")).ReplyAsync();
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("Página no encontrada", page.Body);

        var plain = await client.FetchAsync("/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, plain.Status);
        Assert.Equal(Http.Xml, plain.ContentType);
        var api = await client.SendAsync(Page("/open311/v2/nothing.json")).ReplyAsync();
        Assert.Equal(Http.Json, api.ContentType);
    }

    [Fact]
    public async Task AReportPostedWithoutTheFormsAntiforgeryTokenIsRefusedAndNothingIsStored()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/report/PWPOTHOL")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["address_string"] = "301 W 2nd St", ["attribute[POTHSIZE]"] = "large",
            }),
        };
        request.Headers.Accept.ParseAdd("text/html");
        var reply = await client.SendAsync(request).ReplyAsync();
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Empty((await client.FetchAsync("/open311/v2/requests.json")).Json.EnumerateArray());
    }

    [Fact]
    public async Task PagesAndTheirFilesAreNotCountedAgainstTheApisLimit()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "2" });
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Page("/map"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/leaflet/leaflet.js")).StatusCode);
        }
        var calls = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) calls.Add((await client.GetAsync("/open311/v2/services.json")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], calls);
    }
}
