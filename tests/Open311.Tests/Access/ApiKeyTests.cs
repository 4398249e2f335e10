using System.Net;

namespace Open311.Tests;

public class ApiKeyTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnUnknownKeyIsRefusedOnAnyCallNeverServedAnonymously(string format)
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        foreach (var reply in new[]
        {
            await client.FetchAsync($"/open311/v2/services.{format}", bearer: "o311_nope"),
            await client.FetchAsync($"/open311/v2/requests.{format}?api_key=o311_nope"),
            await client.FetchAsync($"/open311/discovery.{format}?api_key=o311_nope"),
            await client.PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole("o311_nope")),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
            Assert.Equal(format == "json" ? Http.Json : Http.Xml, reply.ContentType);
            Assert.Equal("api_key is unknown or revoked", Assert.Single(reply.Errors));
        }
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedAtOnce()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        var id = (await app.Get<KeyStore>().ListAsync()).Single().Id;
        Assert.True(await app.Get<KeyStore>().RevokeAsync(id, Actor.Command));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
    }

    [Fact]
    public async Task AKeyIsAcceptedFromTheHeaderTheQueryOrTheForm()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var fields = Fixtures.Pothole(key).Where(f => f.Item1 != "api_key").ToList();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", fields, bearer: key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/open311/v2/requests.json?api_key={key}", fields)).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key))).Status);
        // the same key twice is one key
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/open311/v2/requests.json?api_key={key}", Fixtures.Pothole(key), bearer: key)).Status);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task TwoDifferentKeysInOneCallAre400(string format)
    {
        await using var app = new Open311App();
        var first = await app.KeyAsync();
        var second = await app.KeyAsync();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/services.{format}?api_key={second}", bearer: first);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("api_key", Assert.Single(reply.Errors));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task CreatingWithoutAKeyIs403(string format)
    {
        await using var app = new Open311App();
        var fields = Fixtures.Pothole("x").Where(f => f.Item1 != "api_key");
        var reply = await app.CreateClient().PostFormAsync($"/open311/v2/requests.{format}", fields);
        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("api_key is required to create a request", Assert.Single(reply.Errors));
    }

    [Fact]
    public async Task CreatingWithoutAKeyCanBeAllowedByConfiguration()
    {
        await using var app = new Open311App(new() { ["Open311:RequireKeyToCreate"] = "false" });
        var fields = Fixtures.Pothole("x").Where(f => f.Item1 != "api_key");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostFormAsync("/open311/v2/requests.json", fields)).Status);
    }

    [Fact]
    public async Task KeysAreStoredHashedAndShownOnlyByPrefix()
    {
        await using var app = new Open311App();
        var key = await app.KeyAsync();
        await using var connection = await app.Get<Database>().OpenAsync();
        var (hash, prefix) = await Dapper.SqlMapper.QuerySingleAsync<(string, string)>(connection, "SELECT key_hash, key_prefix FROM api_keys");
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(key, hash);
        Assert.Equal(ApiKeySecrets.Hash(key), hash);
        Assert.True(key.StartsWith(prefix) && prefix.Length < key.Length / 2);
    }
}
