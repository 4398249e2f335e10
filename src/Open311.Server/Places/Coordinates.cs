using System.Globalization;

namespace Open311;

// How the APIs read places: a point (lat and long together), a radius, a bbox. Each problem is reported
// once, naming its parameter (CONTRACT §2); a value that fails gives null.
static class Coordinates
{
    public const double MaxRadius = 10_000;
    public const double MaxBoxDegrees = 1;

    // lat and long, both or neither; (null, null) when neither is sent.
    public static (double? Lat, double? Long) Point(string? latText, string? longText, Action<string, string> bad)
    {
        if (string.IsNullOrEmpty(latText) && string.IsNullOrEmpty(longText)) return (null, null);
        var lat = string.IsNullOrEmpty(latText) ? null : Number("lat", latText, -90, 90, bad);
        var lon = string.IsNullOrEmpty(longText) ? null : Number("long", longText, -180, 180, bad);
        if (string.IsNullOrEmpty(latText)) bad("lat", "is required with long");
        if (string.IsNullOrEmpty(longText)) bad("long", "is required with lat");
        return lat is null || lon is null ? (null, null) : (lat, lon);
    }

    // CONTRACT §10: lat+long+radius, radius in metres, more than 0 and at most 10 km.
    public static GeoCircle? Circle(string? latText, string? longText, string? radiusText, Action<string, string> bad)
    {
        var (lat, lon) = Point(latText, longText, bad);
        var pointSent = !string.IsNullOrEmpty(latText) || !string.IsNullOrEmpty(longText);
        if (string.IsNullOrEmpty(radiusText))
        {
            if (pointSent) bad("radius", "is required with lat and long: metres around the point, at most 10000");
            return null;
        }
        if (!pointSent) bad("radius", "needs lat and long: the point it is measured from");
        if (!double.TryParse(radiusText, NumberStyles.Float, CultureInfo.InvariantCulture, out var radius) || !double.IsFinite(radius)
            || radius <= 0 || radius > MaxRadius)
        {
            bad("radius", $"must be a number of metres more than 0 and at most {MaxRadius:0}, not '{Lists.Clip(radiusText)}'");
            return null;
        }
        return lat is null || lon is null ? null : new GeoCircle(lat.Value, lon.Value, radius);
    }

    // CONTRACT §10: bbox=west,south,east,north in degrees, at most 1° on a side.
    public static GeoBox? Box(string? text, Action<string, string> bad)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : (double?)null).ToArray();
        if (parts.Length != 4 || numbers.Any(n => n is null))
        {
            bad("bbox", $"must be four numbers west,south,east,north (degrees), not '{Lists.Clip(text)}'");
            return null;
        }
        var (west, south, east, north) = (numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value, numbers[3]!.Value);
        if (Math.Abs(west) > 180 || Math.Abs(east) > 180 || Math.Abs(south) > 90 || Math.Abs(north) > 90)
            bad("bbox", "must have longitudes from -180 to 180 and latitudes from -90 to 90");
        else if (west > east || south > north)
            bad("bbox", "is the wrong way round: it is west,south,east,north, with west not east of east and south not north of north");
        else if (east - west > MaxBoxDegrees || north - south > MaxBoxDegrees)
            bad("bbox", $"may span at most {MaxBoxDegrees:0} degree on a side");
        else
            return new GeoBox(south, west, north, east);
        return null;
    }

    static double? Number(string name, string text, double min, double max, Action<string, string> bad)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            bad(name, $"must be a decimal number, not '{Lists.Clip(text)}'");
            return null;
        }
        if (value < min || value > max)
        {
            bad(name, $"must be from {min} to {max}");
            return null;
        }
        return value;
    }
}
