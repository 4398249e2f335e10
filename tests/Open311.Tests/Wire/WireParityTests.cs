using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Open311.Tests;

// One model, two formats: every wire record's XML is its JSON, element for member, list item for
// array item, with the same text. A field added to a record shows up in both or this fails.
[Trait("Storage", "none")]
public class WireParityTests
{
    static readonly RequestWire Full = new("26-00000042", "closed", "Fixed", "Pothole Repair", "PWPOTHOL", "A <deep> & \"wide\" hole",
        null, "Crews respond in 3 days", "2026-11-01T12:00:00Z", "2026-11-02T12:00:00Z", null, "301 W 2nd St", "A-1", "78701",
        30.2672, -97.7431, "https://example.com/p.jpg", "tok",
        new Dictionary<string, object> { ["POTHSIZE"] = "large", ["CARTTYPE"] = new List<string> { "trash", "compost" } },
        [new("About how big?", "Larger than a car tire", "POTHSIZE", "large")],
        new("iphone", [new("https://x/open311/media/a.jpg", "Before", "2026-11-01T12:00:00Z")]),
        [new("2026-11-01T12:00:00Z", null, "Request opened", "opened")]);

    public static TheoryData<string> Samples() => ["requests", "requests-core", "services", "definition", "discovery", "errors", "created", "tokens"];

    static (string Root, object Value) Sample(string name) => name switch
    {
        "requests" => ("service_requests", new List<RequestWire> { Full, Full with { Lat = null, Long = null } }),
        "requests-core" => ("service_requests", new List<RequestWire> { Full with { Details = null, Attributes = null, ExtendedAttributes = null, Notes = null } }),
        "services" => ("services", new List<ServiceWire> { new("PWPOTHOL", "Pothole Repair", null, true, "realtime", "pothole, street", "Streets") }),
        "definition" => ("service_definition", new ServiceDefinitionWire("PWPOTHOL",
            [new(true, "POTHSIZE", "singlevaluelist", true, null, 1, "How big?", [new("large", "Large")])],
            new ServiceExtensionWire(true, null, "2026-11-01T12:00:00Z"))),
        "discovery" => ("discovery", new DiscoveryDocument("c", "contact", "keys", [new("spec", "url", "c", "production", ["text/xml", "application/json"])])),
        "errors" => ("errors", new List<Open311Error> { new(400, "lat must be from -90 to 90"), new(404, "x") }),
        "created" => ("service_requests", new List<CreatedRequestWire> { new("26-00000001", "tok", null, "acct") }),
        "tokens" => ("service_requests", new List<TokenWire> { new("26-00000001", "tok") }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void XmlAndJsonCarryTheSameFields(string sample)
    {
        var (root, value) = Sample(sample);
        var json = JsonDocument.Parse(Wire.Serialize(WireFormat.Json, root, value)).RootElement;
        var xmlText = Encoding.UTF8.GetString(Wire.Serialize(WireFormat.Xml, root, value));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xmlText);
        var xml = XDocument.Parse(xmlText).Root!;
        Assert.Equal(root, xml.Name.LocalName);
        Same(json, xml);
    }

    static void Same(JsonElement json, XElement xml)
    {
        Assert.Equal("", xml.Name.NamespaceName);
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                var items = xml.Elements().ToList();
                Assert.Equal(json.GetArrayLength(), items.Count);
                Assert.All(items, i => Assert.Equal(Singular(xml.Name.LocalName), i.Name.LocalName));
                foreach (var (item, element) in json.EnumerateArray().Zip(items)) Same(item, element);
                break;
            case JsonValueKind.Object:
                Assert.Equal(json.EnumerateObject().Select(p => p.Name), xml.Elements().Select(e => e.Name.LocalName));
                foreach (var (property, element) in json.EnumerateObject().Zip(xml.Elements())) Same(property.Value, element);
                break;
            case JsonValueKind.Null:
                Assert.True(xml.IsEmpty);
                break;
            case JsonValueKind.String:
                Assert.Equal(json.GetString(), xml.Value);
                break;
            default:
                Assert.Equal(json.GetRawText(), xml.Value);
                break;
        }
    }

    // The item names of GeoReport v2's XML (georeport-v2-reference: request, service, attribute, value, error; discovery's
    // endpoint and format), then ours: notes and photos, and a multivaluelist answer's values. Written out here, not
    // read from XmlWire, so that a wrong name there fails this test.
    static readonly Dictionary<string, string> ItemNames = new()
    {
        ["service_requests"] = "request",
        ["services"] = "service",
        ["attributes"] = "attribute",
        ["values"] = "value",
        ["errors"] = "error",
        ["endpoints"] = "endpoint",
        ["formats"] = "format",
        ["notes"] = "note",
        ["photos"] = "photo",
        ["CARTTYPE"] = "value",
    };

    static string Singular(string plural) =>
        ItemNames.TryGetValue(plural, out var name) ? name : throw new Xunit.Sdk.XunitException($"no expected item name for the list <{plural}>");

    [Fact]
    public void IdentifiersAndCodesAreStringsInJson()
    {
        var json = JsonDocument.Parse(Wire.Serialize(WireFormat.Json, "service_requests", new List<RequestWire> { Full })).RootElement[0];
        foreach (var name in new[] { "service_request_id", "service_code", "address_id", "zipcode", "token" })
            Assert.Equal(JsonValueKind.String, json.GetProperty(name).ValueKind);
        Assert.Equal(JsonValueKind.Number, json.GetProperty("lat").ValueKind);
    }
}
