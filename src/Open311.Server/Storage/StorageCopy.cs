using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Open311;

// `storage copy --to-postgres`: moves a SQLite database into an empty PostgreSQL one, keeping every id,
// then compares the row counts table by table. Photo files stay where they are; their rows move.
static class StorageCopy
{
    // Every table of the model, in an order the foreign keys accept.
    public static readonly string[] Tables =
    [
        "settings", "services", "service_attributes", "service_attribute_values", "api_keys", "staff_users", "staff_sessions", "teams",
        "team_members", "request_sequences",
        "requests", "request_changes", "request_attributes", "request_notes", "request_photos", "audit_log", "client_updates", "idempotency_keys",
    ];

    public static async Task<int> ToPostgresAsync(Database source, string target, TextWriter output, ILogger logger, CancellationToken ct = default)
    {
        if (source.Dialect is not SqliteDialect)
        {
            output.WriteLine($"The configured storage is {source.Dialect.Engine}; the copy reads from sqlite.");
            return 2;
        }
        await using var postgres = new PostgresDialect(target);
        postgres.Migrate(logger);
        await using var to = (NpgsqlConnection)postgres.CreateConnection();
        await to.OpenAsync(ct);
        await using var from = (SqliteConnection)await source.OpenAsync(ct);
        // One snapshot of the source for the copy and the counts, even if a server is still writing to it.
        await using var snapshot = from.BeginTransaction(deferred: true);

        if (await ProblemAsync(from, to) is { } problem)
        {
            output.WriteLine(problem);
            return 1;
        }
        await using (var copy = await to.BeginTransactionAsync(ct))
        {
            // Triggers off while copying: request_changes is copied as it is, not written again by them.
            foreach (var table in Tables) await to.ExecuteAsync($"ALTER TABLE {table} DISABLE TRIGGER USER", transaction: copy);
            foreach (var table in Tables) await TableCopy.CopyAsync(from, to, table, ct);
            foreach (var table in Tables) await to.ExecuteAsync($"ALTER TABLE {table} ENABLE TRIGGER USER", transaction: copy);
            await postgres.ReindexAllAsync(to, copy);
            await TableCopy.ResetIdentitiesAsync(to, copy);
            await copy.CommitAsync(ct);
        }
        // The planner learns the copied tables' sizes now: a million rows planned as an empty table would be
        // scanned until autovacuum's first visit.
        await to.ExecuteAsync("ANALYZE", commandTimeout: 0, commandType: System.Data.CommandType.Text); // one word: Dapper would call it as a procedure
        return await VerifyAsync(from, to, output);
    }

    // The target must be empty, and the source must hold no table the copy doesn't know.
    static async Task<string?> ProblemAsync(SqliteConnection from, NpgsqlConnection to)
    {
        var unknown = (await from.QueryAsync<string>(
            """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
            AND name NOT LIKE 'requests_fts%' AND name NOT LIKE 'request_places%' AND lower(name) <> 'schemaversions'
            """)).Except(Tables).ToList();
        if (unknown.Count > 0) return $"The source has tables the copy does not know: {string.Join(", ", unknown)}.";
        foreach (var table in Tables)
            if (await to.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}") is > 0 and var rows)
                return $"The target is not empty: {table} has {rows} rows. Copy into a new, empty database.";
        return null;
    }

    static async Task<int> VerifyAsync(DbConnection from, DbConnection to, TextWriter output)
    {
        output.WriteLine($"{"table",-26} {"sqlite",10} {"postgres",10}");
        var mismatches = 0;
        foreach (var table in Tables)
        {
            var expected = await from.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            var copied = await to.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            if (expected != copied) mismatches++;
            output.WriteLine($"{table,-26} {expected,10} {copied,10}{(expected == copied ? "" : "  MISMATCH")}");
        }
        output.WriteLine(mismatches == 0 ? "Every table matches." : $"{mismatches} tables do not match.");
        return mismatches == 0 ? 0 : 1;
    }
}
