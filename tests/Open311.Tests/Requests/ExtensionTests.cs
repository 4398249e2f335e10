using System.Net;
using System.Text.Json;

namespace Open311.Tests;

// CONTRACT §6: extensions=true adds details, attributes, extended_attributes and notes; nothing without it.
public class ExtensionTests
{
    static async Task<(Open311App, HttpClient, string Id)> MissedPickupAsync()
    {
        var app = new Open311App();
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        var reply = await client.PostFormAsync("/open311/v2/requests.json",
        [
            ("api_key", key), ("service_code", "SWSMISSE"), ("address_string", "1 Main St"), ("channel", "iphone"),
            ("attribute[CARTTYPE][]", "recycling"), ("attribute[CARTTYPE][]", "trash"),
            ("attribute[PICKDATE]", "2026-10-30"), ("attribute[CARTOUT]", "yes"),
        ]);
        return (app, client, reply.Json[0].GetProperty("service_request_id").GetString()!);
    }

    [Fact]
    public async Task WithoutTheParameterNoExtensionFieldAppears()
    {
        var (app, client, id) = await MissedPickupAsync();
        await using var _ = app;
        foreach (var path in new[] { $"/open311/v2/requests/{id}", "/open311/v2/requests" })
        {
            var json = (await client.FetchAsync(path + ".json?extensions=false")).Json[0];
            foreach (var name in new[] { "details", "attributes", "extended_attributes", "notes" })
                Assert.False(json.TryGetProperty(name, out JsonElement _), name);
            var xml = (await client.FetchAsync(path + ".xml")).Xml.Element("request")!;
            foreach (var name in new[] { "details", "attributes", "extended_attributes", "notes" })
                Assert.Null(xml.Element(name));
        }
    }

    [Fact]
    public async Task InJsonTheExtensionsAreDetailsAttributesExtendedAttributesAndNotes()
    {
        var (app, client, id) = await MissedPickupAsync();
        await using var _ = app;
        var single = (await client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0];
        var listed = (await client.FetchAsync("/open311/v2/requests.json?extensions=true")).Json[0];
        Assert.Equal(single.GetRawText(), listed.GetRawText());

        var details = single.GetProperty("details");
        Assert.Equal(["recycling", "trash"], details.GetProperty("CARTTYPE").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("yes", details.GetProperty("CARTOUT").GetString());
        Assert.Equal("2026-10-30T00:00:00Z", details.GetProperty("PICKDATE").GetString());

        var attributes = single.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["CARTTYPE", "CARTTYPE", "PICKDATE", "CARTOUT"], attributes.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["label", "value", "name", "code"], attributes[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Which carts were missed?", attributes[0].GetProperty("label").GetString());
        Assert.Equal("Recycling (blue cart)", attributes[0].GetProperty("value").GetString());
        Assert.Equal("recycling", attributes[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, attributes[2].GetProperty("code").ValueKind);
        Assert.Equal("Yes", attributes[3].GetProperty("value").GetString());

        var extended = single.GetProperty("extended_attributes");
        Assert.Equal("iphone", extended.GetProperty("channel").GetString());
        Assert.Empty(extended.GetProperty("photos").EnumerateArray());

        var note = Assert.Single(single.GetProperty("notes").EnumerateArray());
        Assert.Equal(["datetime", "description", "summary", "type"], note.EnumerateObject().Select(p => p.Name));
        Assert.Equal("opened", note.GetProperty("type").GetString());
        Assert.Equal("2026-11-01T12:00:00Z", note.GetProperty("datetime").GetString());
    }

    [Fact]
    public async Task InXmlTheSameExtensionsAreElements()
    {
        var (app, client, id) = await MissedPickupAsync();
        await using var _ = app;
        var request = (await client.FetchAsync($"/open311/v2/requests/{id}.xml?extensions=true")).Xml.Element("request")!;
        var details = request.Element("details")!;
        Assert.Equal(["recycling", "trash"], details.Element("CARTTYPE")!.Elements("value").Select(v => v.Value));
        Assert.Equal("yes", (string?)details.Element("CARTOUT"));
        var attributes = request.Element("attributes")!.Elements("attribute").ToList();
        Assert.Equal(4, attributes.Count);
        Assert.Equal("Recycling (blue cart)", (string?)attributes[0].Element("value"));
        Assert.Equal("", (string?)attributes[2].Element("code"));
        Assert.Equal("iphone", (string?)request.Element("extended_attributes")!.Element("channel"));
        Assert.Empty(request.Element("extended_attributes")!.Element("photos")!.Elements());
        var note = Assert.Single(request.Element("notes")!.Elements("note"));
        Assert.Equal("opened", (string?)note.Element("type"));
    }
}
