using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Open311;

sealed class SqliteDialect : Dialect
{
    readonly string connectionString;
    readonly TuningOptions tuning;

    public SqliteDialect(string configured, TuningOptions tuning, int commandTimeoutSeconds = 5)
    {
        this.tuning = tuning;
        var builder = new SqliteConnectionStringBuilder(configured)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        // How long a command waits for a lock another connection or process holds (SQLITE_BUSY), then fails: 503.
        builder.DefaultTimeout = commandTimeoutSeconds;
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && folder is not null) Directory.CreateDirectory(folder);
        connectionString = builder.ToString();
    }

    public override string Engine => "sqlite";

    public override DbConnection CreateConnection() => new SqliteConnection(connectionString);

    public override void Migrate(ILogger logger)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            // WAL lets readers go on while one writer commits; the setting stays with the file.
            connection.Execute("PRAGMA journal_mode = WAL;");
        }
        var result = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDialect).Assembly, name => name.Contains(".Storage.Migrations.sqlite."))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful) throw new MigrationFailedException(Engine, result.ErrorScript?.Name, result.Error);
    }

    public override bool GroupsCommits => true;

    public override string AnyOf(string column, string parameter) => $"{column} IN @{parameter}";

    // One JSON array parameter rather than a hundred: preparing and binding a statement with a hundred
    // parameters cost more than running it.
    public override string AnyId(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public override object IdList(IEnumerable<long> ids) => "[" + string.Join(',', ids) + "]";

    public override Task<long> NextRequestNumberAsync(DbConnection connection, DbTransaction transaction, int year) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO request_sequences (year, last_value) VALUES (@year, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = last_value + 1
            RETURNING last_value
            """, new { year }, transaction);

    public override async Task IndexRequestAsync(DbConnection connection, DbTransaction transaction, long requestId)
    {
        await connection.ExecuteAsync("DELETE FROM requests_fts WHERE rowid = @requestId", new { requestId }, transaction);
        await IndexNewRequestsAsync(connection, transaction, requestId, requestId);
    }

    // No delete first: in a contentless table a delete of a rowid not there still costs a tombstone.
    public override Task IndexNewRequestsAsync(DbConnection connection, DbTransaction transaction, long fromId, long toId) =>
        connection.ExecuteAsync("INSERT INTO requests_fts (rowid, body) SELECT id, body FROM request_documents WHERE id BETWEEN @fromId AND @toId",
            new { fromId, toId }, transaction);

    public override Task BeginLoadAsync(DbConnection connection, CancellationToken ct) => SqliteBulk.BeginAsync(connection);

    public override Task BulkInsertAsync<T>(DbConnection connection, DbTransaction transaction, Table<T> table, IReadOnlyList<T> rows, bool withIdentity, CancellationToken ct) =>
        SqliteBulk.InsertAsync((SqliteConnection)connection, table, rows, withIdentity);

    // Read by the change triggers (migration 0003); inside the load's transaction only.
    public override Task SuspendChangeLogAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("INSERT INTO settings (name, value) VALUES ('change_log_suspended', 'bulk load')", transaction: transaction);

    public override Task ResumeChangeLogAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("DELETE FROM settings WHERE name = 'change_log_suspended'", transaction: transaction);

    public override Task EndLoadAsync(DbConnection connection, CancellationToken ct) => SqliteBulk.EndAsync(connection);

    public override string TextMatch(string parameter) =>
        $"r.id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH @{parameter})";

    // The planner can't tell a rare word from a common one, and the best plans differ. A rare word's few
    // matches are looked up by id and sorted. A common word has too many for that (a hundred thousand
    // lookups to keep fifty): the search walks the list in its order instead, a stretch at a time, and
    // keeps the ids the index finds among the stretch's range of ids (FTS5 seeks a rowid range directly).
    // A stretch is twice as long as the one before: a common word fills a page from the first.
    public override async Task<List<SearchKey>> SearchKeysAsync(DbConnection connection, KeyQuery query, string? text, long offset, long limit)
    {
        if (text is null || await IsRareAsync(connection, text)) return await base.SearchKeysAsync(connection, query, text, offset, limit);
        var found = new List<SearchKey>();
        for (long start = 0, length = tuning.TextWalkStretch; ; start += length, length *= 2)
        {
            var stretch = (await connection.QueryAsync<SearchKey>(query.Sql, query.Page(start, length))).AsList();
            if (stretch.Count == 0) return found;
            var matches = (await connection.QueryAsync<long>(
                "SELECT rowid FROM requests_fts WHERE requests_fts MATCH @text AND rowid BETWEEN @fromId AND @toId",
                new { text, fromId = stretch.Min(k => k.Id), toId = stretch.Max(k => k.Id) })).ToHashSet();
            foreach (var k in stretch.Where(k => matches.Contains(k.Id)))
            {
                if (offset > 0) offset--;
                else if (found.Count < limit) found.Add(k);
                else return found;
            }
            if (found.Count == limit || stretch.Count < length) return found;
        }
    }

    async Task<bool> IsRareAsync(DbConnection connection, string text) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM requests_fts WHERE requests_fts MATCH @text LIMIT @few)",
            new { text, few = tuning.TextFewMatches }) < tuning.TextFewMatches;

    // WebSearch's groups as FTS5: ("a" AND "b c" NOT "d") OR (...). Every phrase is quoted, so q can't use FTS5 syntax.
    public override string? TextQuery(string q)
    {
        var groups = WebSearch.Parse(q);
        if (groups.Count == 0) return null;
        static string Phrase(string[] words) => $"\"{string.Join(' ', words)}\"";
        return string.Join(" OR ", groups.Select(g =>
            "(" + string.Join(" AND ", g.Include.Select(Phrase)) + string.Concat(g.Exclude.Select(e => " NOT " + Phrase(e))) + ")"));
    }

    // An R*Tree of the points, kept in step by triggers (migration 0004). Its boxes are 32-bit floats rounded outward.
    const string PlacesInBox = "SELECT id FROM request_places WHERE north >= @south AND south <= @north AND east >= @west AND west <= @east";

    public override string PlaceMatch() => $"r.id IN ({PlacesInBox})";

    public override async Task<long> CountPlacesAsync(DbConnection connection, DynamicParameters box, long upTo)
    {
        var args = new DynamicParameters(box);
        args.Add("upTo", upTo);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM ({PlacesInBox} LIMIT @upTo)", args);
    }

    public override bool IsUnavailable(Exception error) =>
        error is SqliteException { SqliteErrorCode: 14 /* SQLITE_CANTOPEN */ or 10 /* SQLITE_IOERR */ or 13 /* SQLITE_FULL */
            or 5 /* SQLITE_BUSY: another process held the lock past the command timeout */ or 6 /* SQLITE_LOCKED */ };
}
