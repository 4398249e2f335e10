using System.Data.Common;
using Dapper;
using DbUp;
using Npgsql;

namespace Open311;

// PostgreSQL, for deployments that run several instances on one database (CONTRACT §9).
sealed class PostgresDialect : Dialect, IAsyncDisposable, IDisposable
{
    // Any fixed number will do, as long as every instance uses the same one: "O311".
    const long MigrationLock = 0x4F333131;

    readonly string connectionString;
    readonly NpgsqlDataSource dataSource;

    // With options, every connection attempt and command is bounded by them; without (the storage copy's target,
    // tests' own migrations) the connection string's values stand.
    public PostgresDialect(string connectionString, StorageOptions? bounds = null)
    {
        if (bounds is not null) connectionString = Bounded(connectionString, bounds);
        this.connectionString = connectionString;
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public const int DefaultPoolSize = 32;

    // The server's connection string: the bounded waits, and the pool and preparation defaults.
    public static string Bounded(string connectionString, StorageOptions bounds)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = bounds.ConnectTimeoutSeconds,
            CommandTimeout = bounds.CommandTimeoutSeconds,
            // After a timeout Npgsql asks the server to cancel and waits for its answer: a frozen server never
            // gives one, so the wait is short and the connection is then dropped.
            CancellationTimeout = 500,
        };
        // Sizing, unless the connection string says otherwise (README, "Running on PostgreSQL"): a pool of 32 per
        // instance, so that three instances fit PostgreSQL's default max_connections of 100 with room for psql and
        // the admin commands; more connections than that only queue on a small machine's cores. The statements the
        // server runs most are prepared on each connection after their second use (one parse per connection, not
        // one per call); 64 per connection covers every statement the API sends.
        if (!HasKey(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize")) builder.MaxPoolSize = DefaultPoolSize;
        if (!HasKey(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        // The server keeps no session state on a pooled connection (no SET, LISTEN or temporary table; the migration's
        // advisory lock is released before its connection goes back), so the reset Npgsql would send with the next
        // command after every checkout (RESET ALL, CLOSE ALL, ...: 0.2 ms of the database's time, more than a read
        // by id) is left out.
        if (!HasKey(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ToString();
    }

    static bool HasKey(string connectionString, params string[] names)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return names.Any(given.ContainsKey);
    }

    public override string Engine => "postgres";

    public override DbConnection CreateConnection() => dataSource.CreateConnection();

    // Instances starting together take turns: the first applies the scripts, the others then find
    // nothing left to do. The session lock lives on its own connection, beside DbUp's.
    public override void Migrate(ILogger logger)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("SELECT pg_advisory_lock(@key)", new { key = MigrationLock });
        try
        {
            var result = DeployChanges.To.PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(PostgresDialect).Assembly, name => name.Contains(".Storage.Migrations.postgres."))
                .WithTransactionPerScript()
                .LogTo(new DbUpLog(logger))
                .Build()
                .PerformUpgrade();
            // DbUp's connections are done with: don't leave them idle in a pool of their own.
            using (var dbUps = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(dbUps);
            if (!result.Successful) throw new MigrationFailedException(Engine, result.ErrorScript?.Name, result.Error);
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLock });
        }
    }

    // Creations queue on the year's sequence row anyway (below), each waiting for the commit before it to
    // reach the disk: an instance's writes commit in groups instead (GroupCommit).
    public override bool GroupsCommits => true;

    // Dapper passes an array as one PostgreSQL array parameter.
    public override string AnyOf(string column, string parameter) => $"{column} = ANY(@{parameter})";

    // The upsert locks the year's row, so concurrent creators (in any instance) queue on it until commit.
    public override Task<long> NextRequestNumberAsync(DbConnection connection, DbTransaction transaction, int year) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO request_sequences (year, last_value) VALUES (@year, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = request_sequences.last_value + 1
            RETURNING last_value
            """, new { year }, transaction);

    public override Task IndexRequestAsync(DbConnection connection, DbTransaction transaction, long requestId) =>
        IndexNewRequestsAsync(connection, transaction, requestId, requestId);

    public override Task IndexNewRequestsAsync(DbConnection connection, DbTransaction transaction, long fromId, long toId) =>
        connection.ExecuteAsync(Reindex + " AND r.id BETWEEN @fromId AND @toId", new { fromId, toId }, transaction, commandTimeout: 0);

    // The whole table at once, after `storage copy --to-postgres`.
    public Task ReindexAllAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync(Reindex, transaction: transaction, commandTimeout: 0);

    const string Reindex = "UPDATE requests r SET search = d.search FROM request_documents d WHERE d.id = r.id";

    public override Task BulkInsertAsync<T>(DbConnection connection, DbTransaction transaction, Table<T> table, IReadOnlyList<T> rows, bool withIdentity, CancellationToken ct) =>
        PostgresBulk.InsertAsync((NpgsqlConnection)connection, table, rows, withIdentity, ct);

    // Off for the load's transaction alone: ALTER TABLE is transactional, and no other writer sees the triggers gone.
    public override Task SuspendChangeLogAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("ALTER TABLE requests DISABLE TRIGGER USER", transaction: transaction);

    public override Task ResumeChangeLogAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("ALTER TABLE requests ENABLE TRIGGER USER", transaction: transaction);

    public override Task EndLoadAsync(DbConnection connection, CancellationToken ct) => PostgresBulk.EndAsync((NpgsqlConnection)connection, ct);

    public override string TextMatch(string parameter) => $"r.search @@ websearch_to_tsquery('english', @{parameter})";

    // websearch_to_tsquery reads WebSearch's syntax itself; q with nothing to find filters nothing, as on SQLite.
    public override string? TextQuery(string q) => WebSearch.Parse(q).Count > 0 ? q.Trim() : null;

    // A GiST index on the built-in point type (migration 0004): no extension to install, and for points within
    // ten kilometres a box in degrees narrows as well as PostGIS would; distances are measured by Earth.MetresSql.
    public override string PlaceMatch() => "point(r.lon, r.lat) <@ box(point(@west, @south), point(@east, @north))";

    // Network failures, timeouts, an exhausted pool, a server shutting down or refusing connections,
    // or one that won't let us in to the configured database.
    public override bool IsUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
                return pg.SqlState.StartsWith("08", StringComparison.Ordinal)  // connection_exception
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin/crash shutdown, cannot connect now
                    || pg.SqlState.StartsWith("28", StringComparison.Ordinal)  // invalid authorization
                    || pg.SqlState is "53300" or "3D000";                      // too_many_connections, no such database
            if (e is NpgsqlException npgsql) return npgsql.IsTransient; // I/O, socket, timeout
        }
        return false;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();
}
