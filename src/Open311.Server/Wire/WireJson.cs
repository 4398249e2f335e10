using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Open311;

// The JSON contract of every public wire record: snake_case names, nulls written (CONTRACT §1).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DiscoveryDocument))]
[JsonSerializable(typeof(List<ServiceWire>))]
[JsonSerializable(typeof(ServiceDefinitionWire))]
[JsonSerializable(typeof(List<RequestWire>))]
[JsonSerializable(typeof(List<CreatedRequestWire>))]
[JsonSerializable(typeof(List<TokenWire>))]
[JsonSerializable(typeof(List<Open311Error>))]
[JsonSerializable(typeof(Open311Error[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string))]
partial class WireJsonContext : JsonSerializerContext;

static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Plain UTF-8 text ("Parks & Trees", "city's"): these documents are JSON or JSONP, never inlined in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WireJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
