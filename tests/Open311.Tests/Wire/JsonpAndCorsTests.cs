using System.Net;

namespace Open311.Tests;

public class JsonpAndCorsTests
{
    [Fact]
    public async Task ACallbackWrapsJsonGetsAsJsonp()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.json?callback=handleServices");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/javascript; charset=utf-8", reply.ContentType);
        Assert.StartsWith("/**/handleServices([{", reply.Body);
        Assert.EndsWith("]);", reply.Body);
        Assert.Equal("nosniff", reply.Header("X-Content-Type-Options"));
    }

    [Fact]
    public async Task XmlIgnoresTheCallback()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.xml?callback=cb");
        Assert.Equal(Http.Xml, reply.ContentType);
        Assert.StartsWith("<?xml", reply.Body);
    }

    [Theory]
    [InlineData("alert(1)")]
    [InlineData("a.b")]
    [InlineData("x%3Bdocument.cookie")]
    [InlineData("1abc")]
    public async Task OnlyAPlainIdentifierIsACallback(string callback)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/services.json?callback={callback}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        Assert.Equal("callback must be a plain JavaScript identifier", Assert.Single(reply.Errors));
    }

    [Fact]
    public async Task GetResponsesAllowAnyOrigin()
    {
        await using var app = new Open311App();
        var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        request.Headers.Add("Origin", "https://app.example.org");
        var reply = await app.CreateClient().SendAsync(request).ReplyAsync();
        Assert.Equal("*", reply.Header("Access-Control-Allow-Origin"));
        Assert.Contains("RateLimit-Remaining", reply.Header("Access-Control-Expose-Headers"));
        Assert.Contains("Link", reply.Header("Access-Control-Expose-Headers"));
        Assert.Contains("ETag", reply.Header("Access-Control-Expose-Headers"));
    }
}
