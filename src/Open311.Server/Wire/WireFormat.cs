namespace Open311;

// GeoJSON is offered on the request resources alone (CONTRACT §10); GeoReportFilter refuses it elsewhere.
enum WireFormat { Xml, Json, GeoJson }

static class WireFormats
{
    public static WireFormat? Parse(string? suffix) => suffix switch
    {
        "json" => WireFormat.Json,
        "xml" => WireFormat.Xml,
        "geojson" => WireFormat.GeoJson,
        _ => null,
    };

    // CONTRACT §2: errors come in the format the path asks for, XML when it can't be told; on a .geojson
    // path they are the JSON error list (CONTRACT §10), and on an image's path (a photo's media URL: its 404,
    // its 429) the JSON error list too, never XML labelled as the answer to an image URL.
    public static WireFormat FromPath(PathString path) =>
        path.Value is { } p && JsonErrorSuffixes.Any(s => p.EndsWith(s, StringComparison.OrdinalIgnoreCase))
            ? WireFormat.Json : WireFormat.Xml;

    static readonly string[] JsonErrorSuffixes = [".json", ".geojson", ".jpg", ".jpeg", ".png", ".webp", ".gif"];

    // What an error list is written as: GeoJSON has no error object of its own.
    public static WireFormat ForErrors(WireFormat format) => format == WireFormat.GeoJson ? WireFormat.Json : format;

    public static string ContentType(WireFormat format) => format switch
    {
        WireFormat.Json => "application/json; charset=utf-8",
        WireFormat.GeoJson => "application/geo+json", // RFC 7946 §12
        _ => "text/xml; charset=utf-8",
    };
}

// Endpoint metadata: this resource also answers in GeoJSON.
sealed class OffersGeoJson;
