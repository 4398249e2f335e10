using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Open311.Tests;

// Anonymous calls are limited per client address; behind a reverse proxy, X-Forwarded-For is
// believed only from the proxies the operator configured.
public class ForwardedHeaderTests
{
    static HttpClient Client(Open311App app) => app.WithWebHostBuilder(b => b.ConfigureServices(s =>
        s.AddSingleton<IStartupFilter>(new Peer()))).CreateClient();

    // TestServer has no socket: the test says which address the connection comes from.
    sealed class Peer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, proceed) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Test-Peer"].ToString());
                return proceed();
            });
            next(app);
        };
    }

    static Task<Reply> CallAsync(HttpClient client, string peer, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request).ReplyAsync();
    }

    [Fact]
    public async Task EachAddressHasItsOwnAllowance()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "1" });
        var client = Client(app);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "203.0.113.5", null)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(client, "203.0.113.5", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "203.0.113.6", null)).Status);
    }

    [Fact]
    public async Task WithoutConfiguredProxiesForwardedAddressesAreIgnored()
    {
        await using var app = new Open311App(new() { ["Open311:RateLimits:AnonymousPerMinute"] = "1" });
        var client = Client(app);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "127.0.0.1", "198.51.100.1")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(client, "127.0.0.1", "198.51.100.2")).Status);
    }

    [Fact]
    public async Task AConfiguredProxyIsBelievedAndNoOneElse()
    {
        await using var app = new Open311App(new()
        {
            ["Open311:RateLimits:AnonymousPerMinute"] = "1",
            ["Open311:ForwardedHeaders:KnownProxies:0"] = "10.0.0.1",
        });
        var client = Client(app);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "10.0.0.1", "198.51.100.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "10.0.0.1", "198.51.100.2")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(client, "10.0.0.1", "198.51.100.2")).Status);
        // a client that is not the proxy can't pick its own address
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "10.0.0.9", "198.51.100.3")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CallAsync(client, "10.0.0.9", "198.51.100.4")).Status);
    }

    [Fact]
    public async Task AConfiguredNetworkOfProxiesIsBelieved()
    {
        await using var app = new Open311App(new()
        {
            ["Open311:RateLimits:AnonymousPerMinute"] = "1",
            ["Open311:ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
        });
        var client = Client(app);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "10.1.2.3", "198.51.100.1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(client, "10.1.9.9", "198.51.100.2")).Status);
    }
}
