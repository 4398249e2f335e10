using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Open311.Tests;

// Issue 26: the web pages under the rate limits. Form posts are counted per address like the API's calls (refused ones
// too), the resident site's JSON handlers under the API's anonymous limit, and the hourly report limit is reserved
// before a report is stored, so reports sent at once store exactly the limit; with Redis, across instances.
[Trait("Storage", "pinned")] // the limits live in the rate counter, not in the store
public partial class WebLimitTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    static HttpClient Browser(Open311App app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    static HttpRequestMessage Html(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    // The report form's antiforgery token (its cookie stays in the client).
    static async Task<string> TokenAsync(HttpClient client)
    {
        var page = await client.SendAsync(Html(HttpMethod.Get, "/report/PWPOTHOL")).ReplyAsync();
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return WebUtility.HtmlDecode(TokenField().Match(page.Body).Groups[1].Value);
    }

    static KeyValuePair<string, string>[] Report(string token, string lat = "30.2672", string description = "Deep pothole") =>
    [
        new("__RequestVerificationToken", token), new("lat", lat), new("long", "-97.7431"),
        new("address_string", "301 W 2nd St"), new("description", description), new("attribute[POTHSIZE]", "large"),
    ];

    static async Task<long> StoredAsync(Open311App app)
    {
        await using var connection = await app.Get<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM requests");
    }

    static (Open311App A, Open311App B) TwoInstances(Dictionary<string, string?> settings)
    {
        var prefix = Guid.NewGuid().ToString("N");
        var a = new Open311App(TestRedis.Settings(prefix, settings));
        var b = new Open311App(TestRedis.Settings(prefix, new(settings) { ["Open311:Storage:ConnectionString"] = a.ConnectionString }));
        return (a, b);
    }

    [Fact]
    public async Task FormPostsAreLimitedPerAddressAndRefusedPostsCount()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:WebPostsPerMinute"] = "3" });
        var client = Browser(app);
        var statuses = new List<HttpStatusCode>();
        // Posts without the antiforgery token: refused, and counted all the same.
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(token: "forged")))).StatusCode);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);

        var limited = await client.SendAsync(Html(HttpMethod.Post, "/console/sign-in", [new("Email", "a@example.gov")])).ReplyAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.StartsWith("text/html", limited.ContentType);
        Assert.Contains("Too many tries", limited.Body);
        Assert.True(int.Parse(limited.Header("Retry-After")) is > 0 and <= 60);
        // Pages are not counted.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Html(HttpMethod.Get, "/report/PWPOTHOL"))).StatusCode);
        Assert.Equal(0, await StoredAsync(app));
    }

    [RedisFact]
    public async Task TheFormPostLimitHoldsAcrossInstances()
    {
        var (a, b) = TwoInstances(new() { ["Open311:RateLimits:WebPostsPerMinute"] = "3" });
        await using var _ = a;
        await using var __ = b;
        var statuses = new List<HttpStatusCode>();
        foreach (var app in new[] { a, b, a, b, a })
            statuses.Add((await Browser(app).SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(token: "forged")))).StatusCode);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task TheJsonHandlersCountUnderTheAnonymousLimitWithTheApi()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "3" });
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>
        {
            (await client.GetAsync("/map?handler=data&bbox=-97.8,30.2,-97.7,30.3")).StatusCode,
            (await client.GetAsync("/open311/v2/services.json")).StatusCode,
            (await client.GetAsync("/report/PWPOTHOL?handler=nearby&lat=30.2672&long=-97.7431")).StatusCode,
            (await client.GetAsync("/map?handler=data&bbox=-97.8,30.2,-97.7,30.3")).StatusCode,
            (await client.GetAsync("/open311/v2/services.json")).StatusCode,
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await client.GetAsync("/report/PWPOTHOL?handler=nearby&lat=30.2672&long=-97.7431");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        // The pages themselves are not.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Html(HttpMethod.Get, "/map"))).StatusCode);
    }

    [Fact]
    public async Task ThirtyReportsSentAtOnceStoreExactlyTheHourlyLimit()
    {
        await using var app = new Open311App(new() { ["Open311:Web:ReportsPerHour"] = "5", ["Open311:RateLimits:WebPostsPerMinute"] = "1000" });
        var client = Browser(app);
        var token = await TokenAsync(client);
        // Refused reports give their place back.
        for (var i = 0; i < 8; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(token, lat: "91")))).StatusCode);

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            client.SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(token, description: $"at once {i}")))));
        Assert.Equal(5, replies.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(25, replies.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, await StoredAsync(app));
    }

    [RedisFact]
    public async Task ThirtyReportsSentAtOnceToTwoInstancesStoreExactlyTheHourlyLimit()
    {
        var (a, b) = TwoInstances(new() { ["Open311:Web:ReportsPerHour"] = "5", ["Open311:RateLimits:WebPostsPerMinute"] = "1000" });
        await using var _ = a;
        await using var __ = b;
        var clients = new[] { Browser(a), Browser(b) };
        var tokens = new[] { await TokenAsync(clients[0]), await TokenAsync(clients[1]) };
        Assert.Equal(HttpStatusCode.BadRequest, (await clients[1].SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(tokens[1], lat: "91")))).StatusCode);

        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            clients[i % 2].SendAsync(Html(HttpMethod.Post, "/report/PWPOTHOL", Report(tokens[i % 2], description: $"at once {i}")))));
        Assert.Equal(5, replies.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(5, await StoredAsync(a));
    }
}
