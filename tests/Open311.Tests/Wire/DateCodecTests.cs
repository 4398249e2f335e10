namespace Open311.Tests;

[Trait("Storage", "none")]
public class DateCodecTests
{
    static readonly DateCodec Utc = DateCodec.For(null);
    static readonly DateCodec Austin = DateCodec.For("America/Chicago");

    [Theory]
    [InlineData("2026-01-31T10:20:30Z", "2026-01-31T10:20:30Z")]
    [InlineData("2026-01-31T10:20:30z", "2026-01-31T10:20:30Z")]
    [InlineData("2026-01-31T10:20:30+02:00", "2026-01-31T08:20:30Z")]
    [InlineData("2026-01-31T10:20:30-0530", "2026-01-31T15:50:30Z")]
    [InlineData("2026-01-31T10:20:30-05", "2026-01-31T15:20:30Z")]
    [InlineData("2026-01-31T10:20:30.999Z", "2026-01-31T10:20:30Z")]
    [InlineData("2026-01-31T10:20:30,5Z", "2026-01-31T10:20:30Z")]
    [InlineData("2026-01-31 10:20:30Z", "2026-01-31T10:20:30Z")]
    [InlineData("2026-01-31T10:20Z", "2026-01-31T10:20:00Z")]
    [InlineData("2026-01-31", "2026-01-31T00:00:00Z")]
    [InlineData("2026-01-31T10:20:30", "2026-01-31T10:20:30Z")]
    [InlineData(" 2026-01-31T10:20:30 05:00", "2026-01-31T05:20:30Z")]
    public void DatesComeInLiberallyAndGoOutInWholeSeconds(string input, string output)
    {
        Assert.True(Utc.TryRead(input, out var ms));
        Assert.Equal(output, Utc.Format(ms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-29")]
    [InlineData("2026-01-31T24:00:00Z")]
    [InlineData("2026-01-31T10:60:00Z")]
    [InlineData("2026-01-31T10:20:30+15:00")]
    [InlineData("26-01-31")]
    [InlineData("2026-01-31T10:20:30ZZ")]
    [InlineData("1769854830")]
    public void NonsenseIsRefused(string input) => Assert.False(Utc.TryRead(input, out _));

    [Fact]
    public void WithoutAZoneADatetimeIsInTheJurisdictionsZone()
    {
        Assert.True(Austin.TryRead("2026-07-04T12:00:00", out var summer));
        Assert.Equal("2026-07-04T17:00:00Z", Utc.Format(summer));
        Assert.True(Austin.TryRead("2026-01-04", out var winter));
        Assert.Equal("2026-01-04T06:00:00Z", Utc.Format(winter));
    }

    [Fact]
    public void OutputUsesTheJurisdictionsOffsetWhenConfigured()
    {
        Assert.True(Utc.TryRead("2026-07-04T17:00:00.750Z", out var ms));
        Assert.Equal("2026-07-04T12:00:00-05:00", Austin.Format(ms));
        Assert.Equal("2026-07-04T17:00:00Z", Utc.Format(ms));
    }
}
