namespace Open311.Tests;

// GeoJSON areas, host-free: what is read, what is inside, what is refused.
public class GeoAreaTests
{
    const string Square = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}";
    const string Far = "{\"type\":\"Polygon\",\"coordinates\":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}";

    public static TheoryData<string> Readable => new()
    {
        Square,
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[2,0],[2,2],[0,2],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}",
        $"{{\"type\":\"Feature\",\"properties\":{{\"name\":\"x\"}},\"geometry\":{Square}}}",
        $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":{{}},\"geometry\":{Square}}},{{\"type\":\"Feature\",\"properties\":{{}},\"geometry\":{Far}}}]}}",
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void PolygonsMultiPolygonsFeaturesAndCollectionsAreRead(string geojson)
    {
        var (area, problem) = GeoArea.Parse(geojson);
        Assert.Null(problem);
        Assert.True(area!.Contains(1, 1));
        Assert.True(area.Contains(0, 1)); // on the edge
        Assert.False(area.Contains(1, 3));
        Assert.False(area.Contains(-0.001, 1));
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,1]}", "must be a Polygon or MultiPolygon, not a Point")]
    [InlineData("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}", "must hold Polygons or MultiPolygons only, not a LineString")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}", "is not a valid polygon: its rings must close and must not cross themselves")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[30,-97],[31,-97],[31,-98],[30,-98],[30,-97]]]}", "must have longitudes from -180 to 180 and latitudes from -90 to 90, longitude first")]
    [InlineData("[1,2]", "must be a GeoJSON object with a type")]
    [InlineData("{\"type\":\"Polygon\"}", "holds no Polygon or MultiPolygon")]
    [InlineData("nonsense", "must be GeoJSON: a Polygon or MultiPolygon, or a Feature or FeatureCollection holding them")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "holds no Polygon or MultiPolygon")]
    public void OtherShapesAndBrokenOnesAreRefusedWithTheReason(string geojson, string expected)
    {
        var (area, problem) = GeoArea.Parse(geojson);
        Assert.Null(area);
        Assert.Equal(expected, problem);
    }
}
