namespace Open311.Tests;

[Trait("Storage", "none")]
public class WebSearchTests
{
    static string Show(string q) => string.Join(" | ", WebSearch.Parse(q).Select(g =>
        string.Join(" ", g.Include.Select(p => string.Join("+", p))) + string.Concat(g.Exclude.Select(p => " -" + string.Join("+", p)))));

    [Theory]
    [InlineData("pothole", "pothole")]
    [InlineData("  deep   pothole ", "deep pothole")]
    [InlineData("pothole -water", "pothole -water")]
    [InlineData("-water pothole", "pothole -water")]
    [InlineData("\"near the school\" lamp", "near+the+school lamp")]
    [InlineData("streetlight or water", "streetlight | water")]
    [InlineData("streetlight OR water", "streetlight | water")]
    [InlineData("or pothole or", "pothole")]
    [InlineData("\"unclosed phrase", "unclosed+phrase")]
    [InlineData("-\"a b\" c", "c -a+b")]
    [InlineData("o'brien st.", "o+brien st")]
    [InlineData("pot-hole", "pot+hole")]
    public void WebSearchSyntaxIsReadIntoGroupsOfPhrases(string q, string expected) => Assert.Equal(expected, Show(q));

    [Theory]
    [InlineData("")]
    [InlineData("  -- \" \" ")]
    [InlineData("-water")]
    [InlineData("or")]
    public void AQueryWithNothingToFindHasNoGroups(string q) => Assert.Empty(WebSearch.Parse(q));

    [Fact]
    public void SqliteWritesTheGroupsAsAnFts5QueryWithEveryPhraseQuoted()
    {
        var sqlite = new SqliteDialect("Data Source=:memory:", new TuningOptions());
        Assert.Equal("(\"deep\" AND \"pot hole\" NOT \"water\") OR (\"lamp\")", sqlite.TextQuery("deep pot-hole -water or lamp"));
        Assert.Equal("(\"NEAR x\")", sqlite.TextQuery("NEAR(x"));
        Assert.Null(sqlite.TextQuery("-water"));
    }
}
