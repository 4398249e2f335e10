using System.Text.Json.Serialization;

namespace Open311;

// RFC 7946 GeoJSON, written as records by the same JSON options as every public answer: a FeatureCollection
// of Point features, [long, lat], the public fields as properties. Simpler than a general GeoJSON writer for
// points alone; the tests read these answers back with NetTopologySuite's reader, an independent one.
sealed record FeatureCollectionWire(
    [property: JsonPropertyOrder(-1)] string Type,
    IReadOnlyList<FeatureWire> Features)
{
    public static FeatureCollectionWire Of(IEnumerable<FeatureWire> features) => new("FeatureCollection", features.ToList());
}

sealed record FeatureWire(
    [property: JsonPropertyOrder(-1)] string Type,
    string Id,
    PointWire Geometry,
    object Properties)
{
    public static FeatureWire Point(string id, double lat, double lon, object properties) =>
        new("Feature", id, new PointWire("Point", [lon, lat]), properties);
}

sealed record PointWire(string Type, IReadOnlyList<double> Coordinates);
