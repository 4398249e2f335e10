using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Open311.Tests;

// Whatever the database does, a call answers within the storage timeouts: 503 in the API's format, /readyz within
// a second, and the server comes back by itself when the database does (Open311:Storage:*TimeoutSeconds).
[Trait("Storage", "pinned")]
public class BoundedWaitTests
{
    static readonly Dictionary<string, string?> Bounds = new()
    {
        ["Open311:Storage:CommandTimeoutSeconds"] = "2",
        ["Open311:Storage:ConnectTimeoutSeconds"] = "2",
    };

    // Command timeout + the cancellation wait (0.5 s) + a connect timeout for a call that needs a new connection,
    // and slack for a busy machine: well under the 22 s a frozen PostgreSQL once held calls.
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(7);

    static async Task<(Reply Reply, TimeSpan Took)> TimedAsync(Func<Task<Reply>> call)
    {
        var clock = Stopwatch.StartNew();
        var reply = await call();
        return (reply, clock.Elapsed);
    }

    static void AssertUnavailable(Reply reply, string format)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        if (format == "problem")
        {
            Assert.StartsWith("application/problem+json", reply.ContentType);
            Assert.Equal(503, reply.Json.GetProperty("status").GetInt32());
        }
        else
        {
            Assert.Equal(format == "xml" ? Http.Xml : Http.Json, reply.ContentType);
            Assert.StartsWith("The service's storage is unavailable", Assert.Single(reply.Errors));
        }
    }

    [PostgresFact]
    public async Task AFrozenPostgresAnswers503WithinTheBoundAndRecoversWhenItContinues()
    {
        using var pg = new OwnPostgres();
        await using var app = new Open311App(Bounds, new TestDatabase("postgres", pg.ConnectionString, () => { }, () => Task.CompletedTask));
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        var key = await app.KeyAsync();
        var staff = await app.KeyAsync("staff");
        var (id, _) = await client.CreatePotholeAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/readyz")).Status);

        pg.Freeze();
        try
        {
            var calls = new List<(string Format, Task<(Reply Reply, TimeSpan Took)> Call)>();
            for (var i = 0; i < 4; i++)
            {
                calls.Add(("json", TimedAsync(() => client.FetchAsync($"/open311/v2/requests.json?page={i + 1}"))));
                calls.Add(("xml", TimedAsync(() => client.FetchAsync($"/open311/v2/requests/{id}.xml"))));
            }
            calls.Add(("json", TimedAsync(() => client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key, ("description", "during the freeze"))))));
            calls.Add(("problem", TimedAsync(() => client.FetchAsync($"/api/v1/requests/{id}", staff))));
            var ready = await TimedAsync(() => client.FetchAsync("/readyz"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Reply.Status);
            Assert.True(ready.Took < TimeSpan.FromSeconds(1), $"/readyz took {ready.Took}");
            Assert.Equal("unhealthy", ready.Reply.Json.GetProperty("status").GetString());
            foreach (var (format, call) in calls)
            {
                var (reply, took) = await call;
                AssertUnavailable(reply, format);
                Assert.True(took < Bound, $"a call took {took} with the database frozen");
            }
        }
        finally
        {
            pg.Thaw();
        }

        var back = Stopwatch.StartNew();
        Reply after;
        do after = await client.FetchAsync("/open311/v2/requests.json");
        while (after.Status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("/readyz")).Status);
        Assert.Single(after.Json.EnumerateArray()); // the POST refused during the freeze stored nothing
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key))).Status);
    }

    [Fact]
    public async Task ASqliteFileLockedByAnotherConnectionRefusesWritesWith503WithinTheBoundWhileReadsGoOn()
    {
        await using var app = new Open311App(Bounds, TestDatabase.Create("sqlite"));
        var client = app.CreateClient();
        var key = await app.KeyAsync();
        var (id, _) = await client.CreatePotholeAsync(key);

        await using (var holder = new SqliteConnection(app.ConnectionString))
        {
            await holder.OpenAsync();
            await holder.ExecuteAsync("BEGIN EXCLUSIVE");
            foreach (var format in Http.Formats)
            {
                var (reply, took) = await TimedAsync(() => client.PostFormAsync($"/open311/v2/requests.{format}", Fixtures.Pothole(key)));
                AssertUnavailable(reply, format);
                Assert.True(took < Bound, $"a write took {took} with the file locked");
            }
            Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync($"/open311/v2/requests/{id}.json")).Status);
            await holder.ExecuteAsync("ROLLBACK");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key))).Status);
        Assert.Equal(2, (await client.FetchAsync("/open311/v2/requests.json")).Json.GetArrayLength());
    }
}
