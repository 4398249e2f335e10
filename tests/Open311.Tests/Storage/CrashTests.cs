using System.Collections.Concurrent;
using System.Net;
using Dapper;

namespace Open311.Tests;

// kill -9 of the real server process while several clients write (issue 10, point 6): after a restart on the same
// database every acknowledged creation is there with its attributes and its change row, every acknowledged comment is
// there as a note, and nothing is half-written (a request without its attributes or change row, a note without its
// request). On the run's engine; bounded: about two seconds of load and two starts.
public class CrashTests
{
    [Fact]
    public async Task AKilledServerLosesNoAcknowledgedWriteAndLeavesNothingHalfWritten()
    {
        using var database = TestDatabase.Create();
        var made = await AdminProcess.RunAsync(database.ConnectionString, null, "keys", "create", "--name", "crash test");
        Assert.True(made.Code == 0, made.Error);
        var key = made.Out.Trim().Split('\n')[^1].Trim();
        var settings = new Dictionary<string, string> { ["Open311__RateLimits__KeyPerMinute"] = "1000000", ["Open311__JurisdictionId"] = "austintexas.gov" };

        var created = new ConcurrentDictionary<string, string>(); // id -> description
        var comments = new ConcurrentDictionary<string, string>(); // update description -> request id
        var server = await ServerProcess.StartAsync(database, settings);
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var description = $"crash client {c} write {i}";
                    var reply = await http.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key, ("description", description)));
                    if (reply.Status != HttpStatusCode.OK) continue;
                    var id = reply.Json[0].GetProperty("service_request_id").GetString()!;
                    created[id] = description;
                    var comment = $"comment {c}-{i}";
                    var update = await http.PostFormAsync("/open311/v2/servicerequestupdates.json", [("api_key", key), ("service_request_id", id),
                        ("update_id", $"crash-{c}-{i}"), ("updated_datetime", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ")),
                        ("status", "OPEN"), ("description", comment)]);
                    if (update.Status == HttpStatusCode.OK) comments[comment] = id;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { return; } // the server is gone
            }
        })).ToList();
        // Killed mid-load: after 2 s, and once at least 20 creations were acknowledged (a loaded machine takes longer
        // to reach them; a fixed wait alone failed under the full suite with 9), but at most after 30 s.
        var started = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        while (created.Count < 20 && DateTime.UtcNow - started < TimeSpan.FromSeconds(30) && clients.Any(c => !c.IsCompleted))
            await Task.Delay(100);
        await server.KillHardAsync();
        stop.Cancel();
        await Task.WhenAll(clients);
        await server.DisposeAsync();
        Assert.True(created.Count > 10, $"only {created.Count} creations were acknowledged before the kill");

        await using var again = await ServerProcess.StartAsync(database, settings);
        foreach (var (id, description) in created)
        {
            var reply = await again.Client.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true");
            Assert.True(reply.Status == HttpStatusCode.OK, $"acknowledged request {id} is gone: {(int)reply.Status}");
            var request = reply.Json[0];
            Assert.Equal(description, request.GetProperty("description").GetString());
            Assert.Equal("large", request.GetProperty("details").GetProperty("POTHSIZE").GetString());
        }
        await using var connection = await Open(database);
        foreach (var (comment, id) in comments)
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM request_notes n JOIN requests r ON r.id = n.request_id WHERE n.description = @comment", new { comment }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM request_attributes a WHERE a.request_id = r.id)"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM request_changes c WHERE c.request_id = r.id)"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM request_notes n WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = n.request_id)"));
        // Every request's creation is in the audit trail, written in the same transaction (CONTRACT §8).
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM requests r WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.request_id = r.id AND l.action = 'created')"));
    }

    static async Task<System.Data.Common.DbConnection> Open(TestDatabase database)
    {
        System.Data.Common.DbConnection connection = database.Engine == "sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString)
            : new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
