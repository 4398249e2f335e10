using System.Net;

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
        // Each call does what it should (a log of refusals alone would prove little): created, refused, read, read, refused.
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync($"/open311/v2/requests.json?api_key={key}",
            Fixtures.Pothole(key, personal).Where(f => f.Item1 != "api_key"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync("/open311/v2/requests.xml", Fixtures.Pothole(key, [.. personal, ("lat", "99")]))).Status);
        var read = await client.FetchAsync($"/open311/v2/requests.json?api_key={key}&extensions=true");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Single(read.Json.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json", bearer: key)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.FetchAsync("/open311/v2/services.json", bearer: "o311_someone_elses_key")).Status);
        // The log saw these calls at Trace: their paths are in it.
        Assert.Contains(app.Logs, line => line.Contains("/open311/v2/requests.json"));
        Assert.Contains(app.Logs, line => line.Contains("/open311/v2/services.json"));
        foreach (var secret in new[] { key, "o311_someone_elses_key" }.Concat(personal.Select(p => p.Item2)))
            Assert.DoesNotContain(app.Logs, line => line.Contains(secret));
    }
}
