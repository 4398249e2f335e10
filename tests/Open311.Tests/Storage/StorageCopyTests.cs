using System.Net;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Open311.Tests;

// `storage copy --to-postgres`: a SQLite deployment moves to PostgreSQL with everything it holds.
[Trait("Storage", "pinned")]
public class StorageCopyTests
{
    static async Task<Dictionary<string, long>> CountsAsync(Database db)
    {
        await using var connection = await db.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in StorageCopy.Tables)
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        return counts;
    }

    // Rows no public endpoint writes yet: a private note and a photo.
    static Task AddNoteAndPhotoAsync(Database db) => db.WriteAsync((c, t) => c.ExecuteAsync(
        """
        INSERT INTO request_notes (request_id, created_at, type, summary, description, public) VALUES (1, 5, 'activity', 'Crew', 'Inside', @no);
        INSERT INTO request_photos (request_id, created_at, title, public, content_type, file_name, byte_size) VALUES (1, 6, 'Hole', @yes, 'image/jpeg', 'a.jpg', 42);
        """, new { yes = true, no = false }, t));

    [PostgresFact]
    public async Task ASqliteDatabaseMovesToPostgresWithItsIdsKeysAndSearch()
    {
        await using var source = new Open311App(database: TestDatabase.Create("sqlite"));
        var client = source.CreateClient();
        var key = await source.KeyAsync(perMinute: 1000);
        var revoked = await source.Get<KeyStore>().CreateAsync("old app", "client", null, Actor.Command);
        await source.Get<KeyStore>().RevokeAsync(revoked.Key.Id, Actor.Command);
        var first = await client.CreatePotholeAsync(key, ("description", "Crater beside the bus stop"));
        await client.CreatePotholeAsync(key);
        await AddNoteAndPhotoAsync(source.Get<Database>());
        // A console user (staff_users) and a session of theirs (staff_sessions).
        var ada = await source.Get<UserStore>().CreateAsync("ada@example.gov", "Ada Okafor", "admin", "a long enough password", Actor.Command);
        Assert.NotNull(ada);
        await source.Get<SessionStore>().StartAsync(ada.User.Id, "203.0.113.5");
        // A team with a member (teams, team_members).
        Assert.NotNull((await source.Get<TeamStore>().CreateAsync(new TeamChange("roads", "Roads", null, null, false, ["ada@example.gov"]), Actor.Command)).Team);
        // A client's comment and an Idempotency-Key answer (CONTRACT §11): rows of client_updates and idempotency_keys.
        var comment = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/servicerequestupdates.json")
        {
            Content = new FormUrlEncodedContent([new("api_key", key), new("service_request_id", first.Id), new("update_id", "c1"), new("description", "Still there")]),
        };
        comment.Headers.Add("Idempotency-Key", "copy-1");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.SendAsync(comment)).StatusCode);
        var before = await client.FetchAsync($"/open311/v2/requests/{first.Id}.json?extensions=true");
        var expected = await CountsAsync(source.Get<Database>());
        using var target = PostgresTestServer.CreateEmpty(); // the app below drops it too; twice is harmless

        var output = new StringWriter();
        var exit = await StorageCopy.ToPostgresAsync(source.Get<Database>(), target.ConnectionString, output, NullLogger.Instance);

        Assert.True(exit == 0, output.ToString());
        foreach (var table in StorageCopy.Tables)
            Assert.Matches($@"(?m)^{table} +{expected[table]} +{expected[table]}\r?$", output.ToString());
        Assert.Contains("Every table matches.", output.ToString());
        Assert.All(expected, e => Assert.True(e.Value > 0, $"{e.Key} has no rows to copy"));
        // The planner knows the copied tables at once (ANALYZE after the copy), not at autovacuum's first visit.
        await using (var pg = new Npgsql.NpgsqlConnection(target.ConnectionString))
        {
            var unanalysed = await pg.QueryAsync<string>(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL AND last_autoanalyze IS NULL AND relname = ANY(@tables)",
                new { tables = StorageCopy.Tables.ToArray() });
            Assert.Empty(unanalysed);
        }

        await using var moved = new Open311App(database: target);
        Assert.Equal(expected, await CountsAsync(moved.Get<Database>()));
        var movedClient = moved.CreateClient();
        var after = await movedClient.FetchAsync($"/open311/v2/requests/{first.Id}.json?extensions=true");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(before.Body, after.Body);
        var search = await movedClient.FetchAsync("/open311/v2/requests.json?q=crater");
        Assert.Equal(first.Id, Assert.Single(search.Json.EnumerateArray()).GetProperty("service_request_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await movedClient.FetchAsync($"/open311/v2/tokens/{first.Token}.json", key)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await movedClient.FetchAsync("/open311/v2/services.json", revoked.Secret)).Status);
        // Identities go on after the copied ids, and the year's sequence after the copied numbers.
        var next = await movedClient.CreatePotholeAsync(key);
        Assert.Equal("26-00000003", next.Id);
        Assert.Equal(await source.Get<KeyStore>().ListAsync(), await moved.Get<KeyStore>().ListAsync(), new KeyComparer());
    }

    [PostgresFact]
    public async Task TheCopyCommandRefusesATargetThatAlreadyHoldsData()
    {
        await using var source = new Open311App(database: TestDatabase.Create("sqlite"));
        using var target = PostgresTestServer.CreateEmpty();
        string[] command = ["storage", "copy", "--to-postgres", target.ConnectionString];
        Assert.True(AdminCommands.Handles(command));

        Assert.Equal(0, await AdminCommands.RunAsync(source.Services, command));
        var output = new StringWriter();
        Assert.NotEqual(0, await StorageCopy.ToPostgresAsync(source.Get<Database>(), target.ConnectionString, output, NullLogger.Instance));
        Assert.Contains("The target is not empty: settings has", output.ToString());
    }

    [PostgresFact]
    public async Task TheCopyReadsOnlyFromSqlite()
    {
        await using var source = new Open311App(database: PostgresTestServer.CloneTemplate());
        using var target = PostgresTestServer.CreateEmpty();
        var output = new StringWriter();
        Assert.Equal(2, await StorageCopy.ToPostgresAsync(source.Get<Database>(), target.ConnectionString, output, NullLogger.Instance));
        Assert.Contains("reads from sqlite", output.ToString());
    }

    sealed class KeyComparer : IEqualityComparer<ApiKey>
    {
        public bool Equals(ApiKey? a, ApiKey? b) => (a?.Id, a?.Name, a?.Role, a?.KeyPrefix, a?.PerMinute, a?.CreatedAt, a?.RevokedAt)
            == (b?.Id, b?.Name, b?.Role, b?.KeyPrefix, b?.PerMinute, b?.CreatedAt, b?.RevokedAt);
        public int GetHashCode(ApiKey k) => k.Id.GetHashCode();
    }
}
