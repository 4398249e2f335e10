using System.Net;

namespace Open311.Tests;

public class DiscoveryTests
{
    [Theory]
    [InlineData("/open311/discovery")]
    [InlineData("/open311/v2/discovery")]
    public async Task DiscoveryIsServedOnBothPathsInJson(string path)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync(path + ".json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        var doc = reply.Json;
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("changeset").GetString()));
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("contact").GetString()));
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("key_service").GetString()));
        var endpoint = Assert.Single(doc.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.Equal("http://localhost/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Equal("production", endpoint.GetProperty("type").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Theory]
    [InlineData("/open311/discovery")]
    [InlineData("/open311/v2/discovery")]
    public async Task DiscoveryIsServedOnBothPathsInXml(string path)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync(path + ".xml");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Xml, reply.ContentType);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", reply.Body);
        var root = reply.Xml;
        Assert.Equal("discovery", root.Name.LocalName);
        Assert.Equal("", root.Name.NamespaceName);
        var endpoint = Assert.Single(root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", (string?)endpoint.Element("specification"));
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
    }

    [Fact]
    public async Task ThePublicUrlSettingIsTheEndpointUrl()
    {
        await using var app = new Open311App(new() { ["Open311:PublicUrl"] = "https://311.example.gov/" });
        var reply = await app.CreateClient().FetchAsync("/open311/discovery.json");
        Assert.Equal("https://311.example.gov/open311/v2", reply.Json.GetProperty("endpoints")[0].GetProperty("url").GetString());
    }
}
