using Microsoft.Extensions.Options;

namespace Open311;

// The jurisdiction's area (CONTRACT §10): Open311:Boundary names a GeoJSON file, read once at start. Without
// one, the bounding box of Open311:Bounds applies as before.
sealed class Boundary(IOptions<Open311Options> options)
{
    readonly Lazy<GeoArea?> area = new(() => Load(options.Value.Boundary).Area);

    public GeoArea? Area => area.Value;

    // A new request must lie inside; so must a point the services are asked for.
    public bool Contains(double lat, double lon) =>
        Area is { } a ? a.Contains(lat, lon) : options.Value.Bounds?.Contains(lat, lon) ?? true;

    public static (GeoArea? Area, string? Problem) Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return (null, null);
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"can't be read: {e.Message}");
        }
        return GeoArea.Parse(text);
    }
}
