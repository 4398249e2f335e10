using System.Net;
using Npgsql;

namespace Open311.Tests;

// CONTRACT §2: storage unavailable is a 503 in the caller's error format; /readyz says so too.
[Trait("Storage", "pinned")]
public class StorageDownTests
{
    [PostgresFact]
    public async Task WhenPostgresStopsAnsweringReadyzAndPublicCallsAnswer503()
    {
        var database = PostgresTestServer.CloneTemplate();
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        using var relay = new TcpRelay(direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = relay.Port, Timeout = 3, CommandTimeout = 5 };
        await using var app = new Open311App(database: database.Through(relayed.ToString()));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/readyz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/open311/v2/services.json")).Status);

        relay.Cut();

        var ready = await client.FetchAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("unhealthy", ready.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/healthz")).Status);

        var json = await client.FetchAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.Status);
        Assert.Equal(Http.Json, json.ContentType);
        Assert.Equal(503, json.Json[0].GetProperty("code").GetInt32());
        Assert.Contains("storage is unavailable", Assert.Single(json.Errors));

        var xml = await client.FetchAsync("/open311/v2/requests/26-00000001.xml");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, xml.Status);
        Assert.Equal(Http.Xml, xml.ContentType);
        Assert.Equal("503", (string?)xml.Xml.Element("error")?.Element("code"));
        Assert.DoesNotContain("Npgsql", json.Body + xml.Body);
    }
}
