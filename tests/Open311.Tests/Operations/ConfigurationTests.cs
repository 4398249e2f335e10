using Microsoft.Extensions.Options;

namespace Open311.Tests;

// A mistake in the configuration stops the server at start with a message naming the setting,
// instead of failing every call later.
public class ConfigurationTests
{
    [Theory]
    [InlineData("Open311:TimeZone", "Mars/Olympus_Mons", "Open311:TimeZone")]
    [InlineData("Open311:Bounds:South", "31", "Open311:Bounds")]
    [InlineData("Open311:Storage:Engine", "oracle", "Open311:Storage:Engine")]
    [InlineData("Open311:RateLimits:AnonymousPerMinute", "0", "AnonymousPerMinute")]
    public void ABadSettingStopsTheServerAtStart(string setting, string value, string named)
    {
        using var app = new Open311App(new() { [setting] = value, ["Open311:Bounds:North"] = "30.5" });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(named, error.Message);
    }
}
