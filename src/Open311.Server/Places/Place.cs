namespace Open311;

// A box of latitudes and longitudes, edges included: a bbox parameter, or the box around a circle.
sealed record GeoBox(double South, double West, double North, double East)
{
    public bool Contains(double lat, double lon) => lat >= South && lat <= North && lon >= West && lon <= East;

    public GeoBox? Intersect(GeoBox other)
    {
        var box = new GeoBox(Math.Max(South, other.South), Math.Max(West, other.West), Math.Min(North, other.North), Math.Min(East, other.East));
        return box.South <= box.North && box.West <= box.East ? box : null;
    }
}

// A point and the metres around it: lat+long+radius, or the nearby lookup.
sealed record GeoCircle(double Lat, double Lon, double Metres)
{
    public double DistanceTo(double lat, double lon) => Earth.Metres(Lat, Lon, lat, lon);

    // The box that holds the circle: a degree of latitude is the same length everywhere, one of longitude
    // shrinks with the cosine of the latitude (taken on the circle's side nearer a pole). Near a pole, or
    // across the antimeridian, the box takes every longitude.
    public GeoBox Box()
    {
        var dLat = Metres / Earth.MetresPerDegree;
        var (south, north) = (Math.Max(-90, Lat - dLat), Math.Min(90, Lat + dLat));
        var widest = Math.Max(Math.Abs(south), Math.Abs(north));
        if (widest >= 89.9) return new GeoBox(south, -180, north, 180);
        var dLon = dLat / Math.Cos(Earth.Radians(widest));
        var (west, east) = (Lon - dLon, Lon + dLon);
        return west < -180 || east > 180 ? new GeoBox(south, -180, north, 180) : new GeoBox(south, west, north, east);
    }
}
