using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Open311.Tests;

// Issue 26: every answer says nosniff, refuses framing and carries a Content-Security-Policy for what it is (a
// page, the API viewer, or data that allows nothing), refusals and error answers included; no `Server` header.
[Trait("Storage", "pinned")] // headers, whatever the engine
public class SecurityHeaderTests(Browser browser) : IClassFixture<Browser>
{
    // Route kinds: GeoReport JSON, XML and JSONP, a 400 and a 404 in the list format, the staff API's refusal,
    // the OpenAPI document, /metrics, health, a URL over the limit (414, answered before routing).
    static readonly (string Path, HttpStatusCode Status)[] DataRoutes =
    [
        ("/open311/v2/services.json", HttpStatusCode.OK),
        ("/open311/v2/services.xml", HttpStatusCode.OK),
        ("/open311/v2/services.json?callback=cb", HttpStatusCode.OK),
        ("/open311/v2/requests.json?page_size=nope", HttpStatusCode.BadRequest),
        ("/open311/v2/no-such.xml", HttpStatusCode.NotFound),
        ("/api/v1/requests", HttpStatusCode.Forbidden),
        ("/openapi/v1.json", HttpStatusCode.OK),
        ("/metrics", 0),
        ("/healthz", HttpStatusCode.OK),
        ("/readyz", HttpStatusCode.OK),
        ("/open311/v2/requests.json?q=" + new string('x', 5000), HttpStatusCode.RequestUriTooLong),
    ];

    static void NoSniffNoFrames(Reply reply, string what)
    {
        Assert.True(reply.Header("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options '{reply.Header("X-Content-Type-Options")}'");
        Assert.True(reply.Header("X-Frame-Options") == "DENY", $"{what}: X-Frame-Options '{reply.Header("X-Frame-Options")}'");
        Assert.True(reply.Header("Content-Security-Policy").Contains("frame-ancestors 'none'"), $"{what}: CSP '{reply.Header("Content-Security-Policy")}'");
    }

    [Fact]
    public async Task DataAnswersAllowNothingAndRefuseFramingAndSniffing()
    {
        await using var app = new Open311App(new() { ["Open311:Limits:MaxUrlBytes"] = "4096" });
        var client = app.CreateClient();
        foreach (var (path, status) in DataRoutes)
        {
            var reply = await client.FetchAsync(path);
            var what = $"{path[..Math.Min(path.Length, 40)]} ({(int)reply.Status})";
            if (status != 0) Assert.True(status == reply.Status, what);
            NoSniffNoFrames(reply, what);
            Assert.True(reply.Header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                $"{what}: CSP '{reply.Header("Content-Security-Policy")}'");
            Assert.True(reply.Header("Referrer-Policy") == "no-referrer", what);
        }

        // A storage failure's 503 and an exception's 500 keep them too.
        await app.BreakStorageAsync();
        var unavailable = await client.FetchAsync("/open311/v2/requests.json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        NoSniffNoFrames(unavailable, "503");
    }

    [Fact]
    public async Task PagesAndTheApiViewerCarryTheirOwnPolicies()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        foreach (var path in new[] { "/", "/console/sign-in", "/css/site.css", "/no/such/page" })
        {
            var reply = await client.FetchAsync(path);
            NoSniffNoFrames(reply, path);
            Assert.Contains("script-src 'self';", reply.Header("Content-Security-Policy"));
            Assert.DoesNotContain("unsafe-inline", reply.Header("Content-Security-Policy"));
        }

        // The viewer's one inline script is allowed by its hash, nothing else inline.
        var docs = await client.FetchAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.Status);
        Assert.Contains("<script type=\"module\">", docs.Body);
        NoSniffNoFrames(docs, "/docs/");
        Assert.Matches("script-src 'self' 'sha256-[A-Za-z0-9+/=]{44}';", docs.Header("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-eval", docs.Header("Content-Security-Policy"));
        NoSniffNoFrames(await client.FetchAsync("/docs/scalar.js"), "/docs/scalar.js");
    }

    [Fact]
    public async Task ARealListenerSaysNoServerName()
    {
        await using var site = new Site();
        foreach (var path in new[] { "/open311/v2/services.json", "/", "/healthz", "/open311/v2/nothing.json" })
        {
            using var reply = await site.Api.GetAsync(path);
            Assert.False(reply.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", reply.Headers.Server)}");
            Assert.Equal("nosniff", reply.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    // The policy leaves the viewer working: Scalar draws the API's operations with no complaint from Chromium.
    [BrowserFact]
    public async Task TheApiViewerWorksUnderItsPolicy()
    {
        await using var site = new Site();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var response = await visit.Page.GotoAsync("/docs/");
        Assert.Equal(200, response!.Status);
        await Expect(visit.Page.GetByRole(AriaRole.Heading, new() { Name = "Open311 GeoReport v2" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(visit.Page.GetByText("Request Example for get/open311/v2/discovery").First).ToBeAttachedAsync();
        Assert.True(visit.Problems.IsEmpty, string.Join("\n", visit.Problems));
        Assert.Empty(visit.Foreign);
    }
}
