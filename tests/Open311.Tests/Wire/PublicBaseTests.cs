using System.Net;

namespace Open311.Tests;

// Issue 26: absolute links (discovery, media_url, the next page, the tracking link) come from Open311:PublicUrl or a
// host that AllowedHosts checked, never from a Host header the caller made up; a warning at start says when neither
// is set outside Development.
[Trait("Storage", "pinned")] // links, whatever the engine
public class PublicBaseTests
{
    // Every link a caller with this Host header can get: discovery's endpoint, media_url, the Link header, the tracking
    // link on the resident site's confirmation page.
    static async Task<List<string>> LinksAsync(Open311App app, string host)
    {
        var setup = app.CreateClient();
        var key = await app.KeyAsync();
        var created = await setup.PostRequestWithMediaAsync(Fixtures.Pothole(key), (TestImages.Jpeg(), "a.jpg"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var anonymous = await setup.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole("").Where(f => f.Item1 != "api_key"));
        Assert.Equal(HttpStatusCode.OK, anonymous.Status);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = host;
        var links = new List<string>();
        var discovery = await client.FetchAsync("/open311/discovery.json");
        Assert.Equal(HttpStatusCode.OK, discovery.Status);
        links.Add(discovery.Json.GetProperty("endpoints")[0].GetProperty("url").GetString()!);
        var id = created.Json[0].GetProperty("service_request_id").GetString();
        links.Add((await client.FetchAsync($"/open311/v2/requests/{id}.json?api_key={key}")).Json[0].GetProperty("media_url").GetString()!);
        links.Add((await client.FetchAsync($"/open311/v2/requests.json?api_key={key}&per_page=1")).Header("Link"));
        var sent = new HttpRequestMessage(HttpMethod.Get, $"/report/sent/{anonymous.Json[0].GetProperty("token").GetString()}");
        sent.Headers.Accept.ParseAdd("text/html");
        var page = await client.SendAsync(sent).ReplyAsync();
        Assert.Equal(HttpStatusCode.OK, page.Status);
        links.Add(System.Text.RegularExpressions.Regex.Match(page.Body, "class=\"track-link\" href=\"[^\"]*\">([^<]*)<").Groups[1].Value);
        Assert.All(links, link => Assert.NotEqual("", link));
        return links;
    }

    [Fact]
    public async Task AMadeUpHostNeverReachesALink()
    {
        await using var app = new Open311App(new() { ["Open311:RequireKeyToCreate"] = "false" });
        var links = await LinksAsync(app, "evil.example");
        Assert.All(links, link => Assert.DoesNotContain("evil.example", link));
        // The in-memory server has no address of its own: the links name this machine.
        Assert.All(links, link => Assert.Contains("http://localhost/", link));
        Assert.DoesNotContain(app.Logs, line => line.Contains("PublicUrl nor AllowedHosts")); // Development: no warning
    }

    [Fact]
    public async Task AHostOnTheAllowedListIsUsedAndOthersAreRefused()
    {
        await using var app = new Open311App(new() { ["Open311:RequireKeyToCreate"] = "false", ["AllowedHosts"] = "311.example.gov;localhost" });
        var links = await LinksAsync(app, "311.example.gov");
        Assert.All(links, link => Assert.Contains("http://311.example.gov/", link));

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/open311/discovery.json")).StatusCode);
    }

    [Fact]
    public async Task ThePublicUrlIsEveryLinksBase()
    {
        await using var app = new Open311App(new() { ["Open311:RequireKeyToCreate"] = "false", ["Open311:PublicUrl"] = "https://311.example.gov/" });
        var links = await LinksAsync(app, "evil.example");
        Assert.All(links, link => Assert.Contains("https://311.example.gov/", link));
    }

    [Fact]
    public async Task OutsideDevelopmentAStartWithNeitherSettingIsWarned()
    {
        await using (var unset = new Open311App(new() { ["environment"] = "Production" }))
        {
            unset.CreateClient();
            Assert.Contains(unset.Logs, line => line.Contains("Neither Open311:PublicUrl nor AllowedHosts is set"));
        }
        foreach (var (name, value) in new[] { ("Open311:PublicUrl", "https://311.example.gov"), ("AllowedHosts", "311.example.gov") })
        {
            await using var set = new Open311App(new() { ["environment"] = "Production", [name] = value });
            set.CreateClient();
            Assert.DoesNotContain(set.Logs, line => line.Contains("PublicUrl nor AllowedHosts"));
        }
    }
}
