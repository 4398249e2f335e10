using System.Net;

namespace Open311.Tests;

// CONTRACT §7: a token resolves for the key that created the request, or for a staff key;
// for anyone else it is the same 404 as an unknown token.
public class TokenTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task TheCreatingKeyResolvesItsToken(string format)
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(key);
        var reply = await client.FetchAsync($"/open311/v2/tokens/{token}.{format}?api_key={key}");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        if (format == "json")
        {
            var found = Assert.Single(reply.Json.EnumerateArray());
            Assert.Equal(["service_request_id", "token"], found.EnumerateObject().Select(p => p.Name));
            Assert.Equal(id, found.GetProperty("service_request_id").GetString());
        }
        else
        {
            var found = Assert.Single(reply.Xml.Elements("request"));
            Assert.Equal("service_requests", reply.Xml.Name.LocalName);
            Assert.Equal(id, (string?)found.Element("service_request_id"));
            Assert.Equal(token, (string?)found.Element("token"));
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task OtherCallersGetTheSame404AsForAnUnknownToken(string format)
    {
        await using var app = new Open311App();
        var owner = await app.KeyAsync();
        var other = await app.KeyAsync(name: "another app");
        var client = app.CreateClient();
        var (_, token) = await client.CreatePotholeAsync(owner);
        var unknown = await client.FetchAsync($"/open311/v2/tokens/AAAAAAAAAAAAAAAAAAAAAAAA.{format}");
        var anonymous = await client.FetchAsync($"/open311/v2/tokens/{token}.{format}");
        var otherKey = await client.FetchAsync($"/open311/v2/tokens/{token}.{format}", bearer: other);
        foreach (var reply in new[] { unknown, anonymous, otherKey })
        {
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
            Assert.Equal(unknown.Body, reply.Body);
        }
    }

    [Fact]
    public async Task AStaffKeyResolvesAnyToken()
    {
        await using var app = new Open311App();
        var owner = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var admin = await app.KeyAsync("admin");
        var client = app.CreateClient();
        var (id, token) = await client.CreatePotholeAsync(owner);
        foreach (var key in new[] { staff, admin })
        {
            var reply = await client.FetchAsync($"/open311/v2/tokens/{token}.json", bearer: key);
            Assert.Equal(id, reply.Json[0].GetProperty("service_request_id").GetString());
        }
    }

    [Fact]
    public async Task ATokenCreatedWithoutAKeyResolvesForAnyone()
    {
        await using var app = new Open311App(new() { ["Open311:RequireKeyToCreate"] = "false" });
        var client = app.CreateClient();
        var reply = await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole("x").Where(f => f.Item1 != "api_key"));
        var token = reply.Json[0].GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync($"/open311/v2/tokens/{token}.json")).Status);
    }
}
