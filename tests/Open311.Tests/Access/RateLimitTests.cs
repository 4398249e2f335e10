using System.Net;

namespace Open311.Tests;

public class RateLimitTests
{
    static Open311App Limited(int anonymous = 10, int key = 60) => new(new()
    {
        ["Open311:RateLimits:AnonymousPerMinute"] = anonymous.ToString(),
        ["Open311:RateLimits:KeyPerMinute"] = key.ToString(),
    });

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnonymousCallsAreLimitedToTenAMinute(string format)
    {
        await using var app = Limited();
        var client = app.CreateClient();
        for (var i = 1; i <= 10; i++)
        {
            var ok = await client.FetchAsync($"/open311/v2/services.{format}");
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal("10", ok.Header("RateLimit-Limit"));
            Assert.Equal((10 - i).ToString(), ok.Header("RateLimit-Remaining"));
        }
        var limited = await client.FetchAsync($"/open311/v2/services.{format}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, limited.ContentType);
        Assert.Contains("Rate limit", Assert.Single(limited.Errors));
        Assert.Equal("0", limited.Header("RateLimit-Remaining"));
        Assert.Equal("60", limited.Header("Retry-After"));
    }

    [Fact]
    public async Task RetryAfterIsTrueAClientThatWaitsThatLongGetsThrough()
    {
        await using var app = Limited(anonymous: 2);
        var client = app.CreateClient();
        app.Clock.Advance(TimeSpan.FromSeconds(15.3));
        await client.FetchAsync("/open311/v2/services.json");
        await client.FetchAsync("/open311/v2/services.json");
        var limited = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        var wait = int.Parse(limited.Header("Retry-After"));
        Assert.Equal(45, wait);
        Assert.Equal("45", limited.Header("RateLimit-Reset"));

        app.Clock.Advance(TimeSpan.FromSeconds(wait - 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.FetchAsync("/open311/v2/services.json")).Status);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("1", again.Header("RateLimit-Remaining"));
    }

    [Fact]
    public async Task AKeyHasItsOwnLimitApartFromAnonymousCallers()
    {
        await using var app = Limited(anonymous: 2);
        var key = await app.KeyAsync(perMinute: 3);
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var limited = await client.FetchAsync("/open311/v2/services.json", bearer: key);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("3", limited.Header("RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);
    }

    [Fact]
    public async Task AKeyWithoutALimitOfItsOwnGetsTheConfiguredDefault()
    {
        await using var app = Limited(anonymous: 1, key: 4);
        var key = await app.KeyAsync();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/services.json?api_key={key}");
        Assert.Equal("4", reply.Header("RateLimit-Limit"));
        Assert.Equal("3", reply.Header("RateLimit-Remaining"));
    }

    [Fact]
    public async Task AKeyInAFormBodyCountsAgainstThatKey()
    {
        await using var app = Limited(anonymous: 100);
        var key = await app.KeyAsync(perMinute: 2);
        var client = app.CreateClient();
        await client.CreatePotholeAsync(key);
        await client.CreatePotholeAsync(key);
        var third = await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status);
        Assert.Equal("2", third.Header("RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
    }

    [Fact]
    public async Task ChangingAKeysLimitTakesEffectAtOnce()
    {
        await using var app = Limited();
        var key = await app.KeyAsync(perMinute: 1);
        var client = app.CreateClient();
        await client.FetchAsync("/open311/v2/services.json", bearer: key);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var id = (await app.Get<KeyStore>().ListAsync()).Single().Id;
        await app.Get<KeyStore>().UpdateAsync(id, null, null, 5, clearLimit: false, Actor.Command);
        var reply = await client.FetchAsync("/open311/v2/services.json", bearer: key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("5", reply.Header("RateLimit-Limit"));
    }

    [Fact]
    public async Task HealthAndDocumentationAreNotCounted()
    {
        await using var app = Limited(anonymous: 1);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/healthz")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/readyz")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/openapi/v1.json")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/docs")).Status);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);
    }

    [Fact]
    public async Task EveryCountedResponseCarriesTheHeadersErrorsToo()
    {
        await using var app = Limited();
        var client = app.CreateClient();
        foreach (var path in new[] { "/open311/v2/requests/26-99999999.json", "/nowhere", "/open311/v2/requests.json?page=0" })
        {
            var reply = await client.FetchAsync(path);
            Assert.True((int)reply.Status >= 400);
            Assert.NotEqual("", reply.Header("RateLimit-Limit"));
            Assert.NotEqual("", reply.Header("RateLimit-Remaining"));
            Assert.NotEqual("", reply.Header("RateLimit-Reset"));
        }
        var refused = await client.FetchAsync("/open311/v2/services.json", bearer: "o311_unknown");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("10", refused.Header("RateLimit-Limit"));
    }

    [Fact]
    public async Task ConcurrentClientsOnOneKeyNeverGetMoreThanTheLimit()
    {
        await using var app = Limited();
        var key = await app.KeyAsync(perMinute: 25);
        var client = app.CreateClient();
        var replies = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => client.FetchAsync("/open311/v2/services.json", bearer: key)));
        Assert.Equal(25, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(95, replies.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }
}
