using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Open311.Tests;

// CONTRACT §2: every error in the spec's shape and in the path's format, XML when it can't be told.
public class ErrorTests
{
    [Theory]
    [InlineData("/open311/v2/nothing.json", Http.Json)]
    [InlineData("/open311/v2/nothing.xml", Http.Xml)]
    [InlineData("/open311/v2/services", Http.Xml)]
    [InlineData("/elsewhere", Http.Xml)]
    [InlineData("/open311/v2/requests/26-00000001/notes.json", Http.Json)]
    public async Task AnUnknownRouteIs404InTheErrorFormat(string path, string contentType)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(contentType, reply.ContentType);
        Assert.Equal(404, reply.ContentType == Http.Json ? reply.Json[0].GetProperty("code").GetInt32() : (int)reply.Xml.Element("error")!.Element("code")!);
        Assert.Single(reply.Errors);
    }

    [Fact]
    public async Task AnUnofferedFormatIs404()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.html");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal(Http.Xml, reply.ContentType);
        Assert.Equal("format 'html' is not offered: use .json or .xml", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AWrongMethodIs405(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        foreach (var (method, path) in new[] { (HttpMethod.Delete, "requests"), (HttpMethod.Put, "services"), (HttpMethod.Post, "services/PWPOTHOL") })
        {
            var reply = await client.SendAsync(new HttpRequestMessage(method, $"/open311/v2/{path}.{format}")).ReplyAsync();
            Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
            Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
            Assert.StartsWith($"Method {method} is not allowed", Assert.Single(reply.Errors));
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnotherJurisdictionIs404OnEveryCall(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        foreach (var path in new[] { "services", "requests", "services/PWPOTHOL", "discovery" })
        {
            var reply = await client.FetchAsync($"/open311/v2/{path}.{format}?jurisdiction_id=sfgov.org");
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
            Assert.Equal("jurisdiction_id 'sfgov.org' is not served here", Assert.Single(reply.Errors));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync($"/open311/v2/services.{format}?jurisdiction_id=austintexas.gov")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync($"/open311/v2/services.{format}?jurisdiction_id=")).Status);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AFaultIs500WithAReferenceLoggedAndNothingLeaked(string format)
    {
        await using var app = new FaultyApp();
        var key = await app.KeyAsync();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/fault.{format}?api_key={key}");
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
        var description = Assert.Single(reply.Errors);
        Assert.StartsWith("An internal error occurred (reference ", description);
        Assert.DoesNotContain("database password", reply.Body);
        Assert.DoesNotContain("InvalidOperationException", reply.Body);
        var reference = description["An internal error occurred (reference ".Length..^1];
        Assert.Contains(app.Logs, line => line.Contains(reference) && line.Contains("database password"));
        Assert.DoesNotContain(app.Logs, line => line.Contains(key));
    }

    [Fact]
    public async Task StorageThatCannotBeOpenedIs503()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/readyz")).Status);
        await app.BreakStorageAsync();
        var reply = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.StartsWith("The service's storage is unavailable", Assert.Single(reply.Errors));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.FetchAsync("/readyz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/healthz")).Status);
    }

    // The server with one more route that fails the way a bug would.
    sealed class FaultyApp : IAsyncDisposable
    {
        readonly Open311App inner = new();
        public System.Collections.Concurrent.ConcurrentQueue<string> Logs => inner.Logs;

        public HttpClient CreateClient() => inner.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStartupFilter>(new Fault()))).CreateClient();

        public Task<string> KeyAsync() => inner.KeyAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        sealed class Fault : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((context, proceed) => context.Request.Path.Value!.StartsWith("/open311/v2/fault.")
                    ? throw new InvalidOperationException("connection failed: database password is hunter2")
                    : proceed());
            };
        }
    }
}
