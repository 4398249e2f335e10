using System.Net;

namespace Open311.Tests;

// Conditional GETs: every public 200 carries a strong ETag (a hash of its bytes); sending it back in
// If-None-Match gets a 304 with no body while the answer is unchanged, and a 200 once it changes.
public class ConditionalGetTests
{
    static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }

    public static TheoryData<string> CatalogUrls => new()
    {
        "/open311/v2/services.json", "/open311/v2/services.xml", "/open311/v2/services/SWSMISSE.json",
        "/open311/v2/services/SWSMISSE.xml?extensions=true", "/open311/v2/discovery.json", "/open311/discovery.xml",
    };

    [Theory]
    [MemberData(nameof(CatalogUrls))]
    public async Task TheCatalogAnswers304ToItsOwnETagWithNoBody(string url)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var first = await GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.False(first.Headers.ETag.IsWeak);

        var again = await GetAsync(client, url, etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag!.Tag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        // A list of tags, a weak form and * match too; another tag does not.
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, url, $"\"other\", W/{etag}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, url, "*")).StatusCode);
        var other = await GetAsync(client, url, "\"0123\"");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACatalogChangeIsServedAtOnceWithANewETag()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var staff = await app.KeyAsync("staff");
        var list = await GetAsync(client, "/open311/v2/services.json");
        var definition = await GetAsync(client, "/open311/v2/services/PWPOTHOL.json");
        var discovery = await GetAsync(client, "/open311/v2/discovery.json");

        // The clock stands still: the change must be seen although its changeset time is the same.
        var put = await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", staff,
            """{"service_name":"Pothole Repair (renamed)","attributes":[{"code":"WHERE","datatype":"string","description":"Where exactly?","order":1}]}""");
        Assert.Equal(HttpStatusCode.OK, put.Status);

        var newList = await GetAsync(client, "/open311/v2/services.json", list.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, newList.StatusCode);
        Assert.Contains("Pothole Repair (renamed)", await newList.Content.ReadAsStringAsync());
        var newDefinition = await GetAsync(client, "/open311/v2/services/PWPOTHOL.json", definition.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, newDefinition.StatusCode);
        Assert.Contains("Where exactly?", await newDefinition.Content.ReadAsStringAsync());
        // Discovery's changeset counts whole seconds: it moves with a change a second later.
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await client.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", staff, """{"service_name":"Pothole Repair"}""");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/open311/v2/discovery.json", discovery.Headers.ETag!.Tag)).StatusCode);

        var created = await client.StaffAsync(HttpMethod.Post, "/api/v1/services", staff, """{"service_code":"NEWONE","service_name":"A new service"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Contains("NEWONE", await (await GetAsync(client, "/open311/v2/services.json", newList.Headers.ETag!.Tag)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/open311/v2/services/NEWONE.json")).StatusCode);
    }

    [Fact]
    public async Task RequestsAnswer304UntilTheRequestChanges()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var (id, _) = await client.CreatePotholeAsync(await app.KeyAsync());
        foreach (var url in new[] { $"/open311/v2/requests/{id}.json", $"/open311/v2/requests/{id}.xml", "/open311/v2/requests.json?extensions=true" })
        {
            var first = await GetAsync(client, url);
            Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, url, first.Headers.ETag!.Tag)).StatusCode);
        }
        var before = await GetAsync(client, $"/open311/v2/requests/{id}.json");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.AddNoteAsync(id, await app.KeyAsync("staff"), "Crew on the way", isPublic: true);
        var after = await GetAsync(client, $"/open311/v2/requests/{id}.json", before.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag!.Tag, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task ErrorsAndJsonpAreNotKeptAndErrorsHaveNoETag()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var missing = await GetAsync(client, "/open311/v2/services/NOPE.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);

        var a = await client.FetchAsync("/open311/v2/services.json?callback=a");
        var b = await client.FetchAsync("/open311/v2/services.json?callback=b");
        Assert.StartsWith("/**/a(", a.Body);
        Assert.StartsWith("/**/b(", b.Body);
        Assert.NotEqual(a.Message.Headers.ETag!.Tag, b.Message.Headers.ETag!.Tag);
    }
}
