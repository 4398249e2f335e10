namespace Open311;

enum WireFormat { Xml, Json }

static class WireFormats
{
    public static WireFormat? Parse(string? suffix) => suffix switch
    {
        "json" => WireFormat.Json,
        "xml" => WireFormat.Xml,
        _ => null,
    };

    // CONTRACT §2: errors come in the format the path asks for, XML when it can't be told.
    public static WireFormat FromPath(PathString path) =>
        path.Value is { } p && p.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? WireFormat.Json : WireFormat.Xml;

    public static string ContentType(WireFormat format) =>
        format == WireFormat.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}
