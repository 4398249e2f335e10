using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Open311;

// One set of JSON options per API: the public GeoReport API, the staff API (its bodies, its answers, the
// audit details it shows) and the files the server reads and writes (the catalog).
static class WireJson
{
    // snake_case, nulls written (CONTRACT §1), plain UTF-8 text ("Parks & Trees", "city's"): these
    // documents are JSON or JSONP, never inlined in HTML.
    public static readonly JsonSerializerOptions Public = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    // The framework's web defaults (numbers read from strings too) but names exact, as on the public API; snake_case.
    public static readonly JsonSerializerOptions Staff = Staffed(new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNameCaseInsensitive = false });

    // The framework's own options, which write the staff API's answers and problem details, made the same.
    public static JsonSerializerOptions Staffed(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    // The catalog file (the demo catalog, `services export` and `import`): indented, nulls left out.
    public static readonly JsonSerializerOptions Files = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
