namespace Open311.Tests;

public class LogPrivacyTests
{
    [Fact]
    public async Task KeysAndPersonalDataNeverReachTheLogEvenAtTrace()
    {
        await using var app = new Open311App(new() { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" });
        var key = await app.KeyAsync();
        var client = app.CreateClient();
        (string, string)[] personal = [("email", "hidden.person@example.com"), ("phone", "512-555-0142"), ("first_name", "Zebulon"), ("last_name", "Okonkwo-Smythe")];
        await client.PostFormAsync($"/open311/v2/requests.json?api_key={key}", Fixtures.Pothole(key, personal).Where(f => f.Item1 != "api_key"));
        await client.PostFormAsync("/open311/v2/requests.xml", Fixtures.Pothole(key, [.. personal, ("lat", "99")]));
        await client.FetchAsync($"/open311/v2/requests.json?api_key={key}&extensions=true");
        await client.FetchAsync("/open311/v2/services.json", bearer: key);
        await client.FetchAsync("/open311/v2/services.json", bearer: "o311_someone_elses_key");
        Assert.NotEmpty(app.Logs);
        foreach (var secret in new[] { key, "o311_someone_elses_key" }.Concat(personal.Select(p => p.Item2)))
            Assert.DoesNotContain(app.Logs, line => line.Contains(secret));
    }
}
