using System.Net;

namespace Open311.Tests;

public class ServicesApiTests
{
    [Fact]
    public async Task TheServiceListIsABareJsonArrayOfServicesWithTextCodes()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, reply.Json.ValueKind); // no wrapper object
        var services = reply.Json.EnumerateArray().ToList();
        Assert.Equal(16, services.Count); // the whole demo catalog, the switched-off service too
        Assert.Equal(DemoCatalog.Load().Select(s => s.ServiceCode).Order(), services.Select(s => s.GetProperty("service_code").GetString()).Order());
        Assert.All(services, s => Assert.Equal(System.Text.Json.JsonValueKind.String, s.GetProperty("service_code").ValueKind));
        var pothole = services.Single(s => s.GetProperty("service_code").GetString() == "PWPOTHOL");
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
            pothole.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Pothole Repair", pothole.GetProperty("service_name").GetString());
        Assert.True(pothole.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", pothole.GetProperty("type").GetString());
        Assert.Equal("Streets & Transportation", pothole.GetProperty("group").GetString());
        Assert.Contains(services, s => !s.GetProperty("metadata").GetBoolean());
        Assert.True(services.Select(s => s.GetProperty("group").GetString()).Distinct().Count() >= 4);
    }

    [Fact]
    public async Task TheServiceListInXmlHasServiceElements()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.xml");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Xml, reply.ContentType);
        Assert.Equal("services", reply.Xml.Name.LocalName);
        var pothole = reply.Xml.Elements("service").Single(s => (string?)s.Element("service_code") == "PWPOTHOL");
        Assert.Equal("true", (string?)pothole.Element("metadata"));
        Assert.Equal("Streets & Transportation", (string?)pothole.Element("group"));
    }

    [Fact]
    public async Task TheDemoCatalogUsesEveryDatatypeAndInformationalAttributes()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var codes = (await client.FetchAsync("/open311/v2/services.json")).Json.EnumerateArray()
            .Select(s => s.GetProperty("service_code").GetString()!).ToList();
        var attributes = new List<System.Text.Json.JsonElement>();
        foreach (var code in codes)
            attributes.AddRange((await client.FetchAsync($"/open311/v2/services/{code}.json")).Json.GetProperty("attributes").EnumerateArray());
        var datatypes = attributes.Select(a => a.GetProperty("datatype").GetString()).Distinct().Order().ToList();
        Assert.Equal(["datetime", "multivaluelist", "number", "singlevaluelist", "string", "text"], datatypes);
        Assert.Contains(attributes, a => !a.GetProperty("variable").GetBoolean());
        Assert.Contains(attributes, a => a.GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task AServiceDefinitionIsAnObjectWithAttributesInOrder()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services/SWSMISSE.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Json, reply.ContentType);
        var doc = reply.Json;
        Assert.Equal(["service_code", "attributes"], doc.EnumerateObject().Select(p => p.Name));
        Assert.Equal("SWSMISSE", doc.GetProperty("service_code").GetString());
        var attributes = doc.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], attributes.Select(a => a.GetProperty("order").GetInt32()));
        var carts = attributes[0];
        Assert.Equal(["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"],
            carts.EnumerateObject().Select(p => p.Name));
        Assert.Equal("multivaluelist", carts.GetProperty("datatype").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, carts.GetProperty("datatype_description").ValueKind);
        var first = carts.GetProperty("values")[0];
        Assert.Equal("trash", first.GetProperty("key").GetString());
        Assert.Equal("Trash (black cart)", first.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AServiceDefinitionInXmlWrapsAttributesAndValues()
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services/SWSMISSE.xml");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(Http.Xml, reply.ContentType);
        var root = reply.Xml;
        Assert.Equal("service_definition", root.Name.LocalName);
        Assert.Equal("SWSMISSE", (string?)root.Element("service_code"));
        var attribute = root.Element("attributes")!.Elements("attribute").First();
        Assert.Equal("CARTTYPE", (string?)attribute.Element("code"));
        Assert.Equal("true", (string?)attribute.Element("required"));
        Assert.Equal("", (string?)attribute.Element("datatype_description"));
        Assert.Equal(["trash", "recycling", "compost", "bulk"], attribute.Element("values")!.Elements("value").Select(v => (string)v.Element("key")!));
        Assert.Null(root.Element("extended_attributes"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task AnUnknownServiceCodeIs404(string format)
    {
        await using var app = new Open311App();
        var reply = await app.CreateClient().FetchAsync($"/open311/v2/services/NOPE.{format}");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("service_code", Assert.Single(reply.Errors));
    }

    [Fact]
    public async Task ExtensionsAddActiveNoticeAndUpdatedAtToTheDefinition()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var json = (await client.FetchAsync("/open311/v2/services/SWSDEADA.json?extensions=true")).Json;
        var extended = json.GetProperty("extended_attributes");
        Assert.False(extended.GetProperty("active").GetBoolean());
        Assert.Contains("3-1-1", extended.GetProperty("notice").GetString());
        Assert.Equal("2026-11-01T12:00:00Z", extended.GetProperty("updated_at").GetString());

        var xml = (await client.FetchAsync("/open311/v2/services/SWSDEADA.xml?extensions=true")).Xml;
        Assert.Equal("false", (string?)xml.Element("extended_attributes")!.Element("active"));
        Assert.Equal("2026-11-01T12:00:00Z", (string?)xml.Element("extended_attributes")!.Element("updated_at"));
    }

    [Fact]
    public async Task ADefinitionWithoutAttributesHasAnEmptyList()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        Assert.Empty((await client.FetchAsync("/open311/v2/services/CCGRASS.json")).Json.GetProperty("attributes").EnumerateArray());
        var xml = (await client.FetchAsync("/open311/v2/services/CCGRASS.xml")).Xml;
        Assert.Empty(xml.Element("attributes")!.Elements());
    }

    [Fact]
    public async Task TheDemoCatalogCanBeSwitchedOff()
    {
        await using var app = new Open311App(new() { ["Open311:DemoCatalog"] = "false" });
        var reply = await app.CreateClient().FetchAsync("/open311/v2/services.json");
        Assert.Equal("[]", reply.Body);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><services />", (await app.CreateClient().FetchAsync("/open311/v2/services.xml")).Body);
    }
}
