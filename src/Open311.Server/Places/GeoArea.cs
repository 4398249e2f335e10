using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;

namespace Open311;

// An area on the map: the jurisdiction's boundary or a service's own area (CONTRACT §10). Read from GeoJSON
// (a Polygon or MultiPolygon, or a Feature or FeatureCollection holding them) and prepared once, so that a
// point test stays fast however detailed the outline. A point on the edge is inside.
sealed class GeoArea
{
    static readonly JsonSerializerOptions Reading = new() { Converters = { new GeoJsonConverterFactory() } };
    static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    readonly IPreparedGeometry prepared;

    GeoArea(Geometry geometry, string text)
    {
        Geometry = geometry;
        Text = text;
        prepared = PreparedGeometryFactory.Prepare(geometry);
    }

    public Geometry Geometry { get; }

    // The GeoJSON it was read from, as stored.
    public string Text { get; }

    public bool Contains(double lat, double lon) => prepared.Covers(Factory.CreatePoint(new Coordinate(lon, lat)));

    // The area, or the problem with the text (a sentence that follows the name of the setting or field).
    public static (GeoArea? Area, string? Problem) Parse(string text)
    {
        Geometry? geometry;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return (null, "must be a GeoJSON object with a type");
            geometry = type.GetString() switch
            {
                "Feature" => Join(root.Deserialize<IFeature>(Reading)?.Geometry is { } g ? [g] : []),
                "FeatureCollection" => Join(root.Deserialize<FeatureCollection>(Reading)?.Select(f => f.Geometry).OfType<Geometry>() ?? []),
                "Polygon" or "MultiPolygon" => root.Deserialize<Geometry>(Reading),
                var other => throw new FormatException($"must be a Polygon or MultiPolygon, not a {other}"),
            };
        }
        catch (FormatException e) { return (null, e.Message); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return (null, "must be GeoJSON: a Polygon or MultiPolygon, or a Feature or FeatureCollection holding them");
        }
        if (geometry is null || geometry.IsEmpty) return (null, "holds no Polygon or MultiPolygon");
        if (geometry is not (Polygon or MultiPolygon)) return (null, $"must be a Polygon or MultiPolygon, not a {geometry.GeometryType}");
        if (geometry.Coordinates.Any(c => Math.Abs(c.X) > 180 || Math.Abs(c.Y) > 90))
            return (null, "must have longitudes from -180 to 180 and latitudes from -90 to 90, longitude first");
        if (!geometry.IsValid) return (null, "is not a valid polygon: its rings must close and must not cross themselves");
        return (new GeoArea(geometry, text), null);
    }

    static Geometry Join(IEnumerable<Geometry> parts)
    {
        var polygons = new List<Polygon>();
        foreach (var part in parts)
            switch (part)
            {
                case Polygon p: polygons.Add(p); break;
                case MultiPolygon m: polygons.AddRange(m.Geometries.Cast<Polygon>()); break;
                default: throw new FormatException($"must hold Polygons or MultiPolygons only, not a {part.GeometryType}");
            }
        return polygons.Count == 1 ? polygons[0] : Factory.CreateMultiPolygon([.. polygons]);
    }
}
