using System.Net;

namespace Open311.Tests;

public class HealthTests
{
    [Fact]
    public async Task HealthzAnswersAndReadyzReportsTheDatabase()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        var health = await client.FetchAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("healthy", health.Json.GetProperty("status").GetString());
        var ready = await client.FetchAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("healthy", ready.Json.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
