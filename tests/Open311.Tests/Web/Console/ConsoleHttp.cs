using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Open311.Tests;

// The console over plain HTTP, as a browser without JavaScript uses it: a client that keeps its cookies, the
// sign-in form posted with the token read from its page, and the alert's text read from the answer.
static partial class ConsoleHttp
{
    public static HttpClient Client(this Open311App app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    // The same app (its database, clock and settings) in a host whose requests come from the address in their
    // X-Test-Peer header (TestServer has no socket). Every client of one such host shares its counters.
    public static WebApplicationFactory<Program> WithPeers(this Open311App app) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Peer())));

    public static HttpClient ClientFrom(this WebApplicationFactory<Program> host, string address)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Peer", address);
        return client;
    }

    sealed class Peer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, proceed) =>
            {
                if (context.Request.Headers["X-Test-Peer"].ToString() is { Length: > 0 } peer) context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                return proceed();
            });
            next(app);
        };
    }

    public static string Token(string html) => TokenField().Match(html).Groups[1].Value;

    public static async Task<Reply> SignInAsync(this HttpClient client, string email, string password, string? language = null)
    {
        var form = new HttpRequestMessage(HttpMethod.Get, "/console/sign-in");
        if (language is not null) form.Headers.AcceptLanguage.ParseAdd(language);
        var page = await (await client.SendAsync(form)).Content.ReadAsStringAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", Token(page))]),
        };
        if (language is not null) post.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(post).ReplyAsync();
    }

    public static async Task<HttpClient> SignedInAsync(this Open311App app, string email, string password)
    {
        var client = app.Client();
        var reply = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, reply.Status);
        return client;
    }

    // The text of the page's alert (the error summary), tags and spacing removed.
    public static string Alert(this Reply reply) =>
        AlertBlock().Match(reply.Body) is { Success: true } m ? WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>|\\s+", " ").Trim()) : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex AlertBlock();
}
