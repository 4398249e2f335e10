using System.Data.Common;
using Dapper;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Open311;

sealed class SqliteDialect : Dialect
{
    readonly string connectionString;

    public SqliteDialect(string configured)
    {
        var builder = new SqliteConnectionStringBuilder(configured)
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.DefaultTimeout == 30) builder.DefaultTimeout = 60;
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
        if (!result.Successful) throw new InvalidOperationException($"SQLite migration {result.ErrorScript?.Name} failed.", result.Error);
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
        await connection.ExecuteAsync(AddSearchDocuments + " WHERE r.id = @requestId", new { requestId }, transaction);
    }

    // No delete first: in a contentless table a delete of a rowid not there still costs a tombstone.
    public override Task IndexNewRequestAsync(DbConnection connection, DbTransaction transaction, long requestId) =>
        connection.ExecuteAsync(AddSearchDocuments + " WHERE r.id = @requestId", new { requestId }, transaction);

    // The search document of a request: description, address, service name and the text of its public notes.
    internal const string AddSearchDocuments = """
        INSERT INTO requests_fts (rowid, body)
        SELECT r.id,
               coalesce(r.description, '') || ' ' || coalesce(r.address, '') || ' ' || s.service_name || ' ' ||
               coalesce((SELECT group_concat(n.description, ' ')
                         FROM request_notes n WHERE n.request_id = r.id AND n.public = 1), '')
        FROM requests r JOIN services s ON s.id = r.service_id
        """;

    public override Task BeginLoadAsync(DbConnection connection, CancellationToken ct) => SqliteLoad.BeginAsync(connection);

    public override Task LoadRequestsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RequestLoad> batch, CancellationToken ct) =>
        SqliteLoad.WriteAsync((SqliteConnection)connection, batch);

    public override Task EndLoadAsync(DbConnection connection, CancellationToken ct) => SqliteLoad.EndAsync(connection);

    public override string TextMatch(string parameter) =>
        $"r.id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH @{parameter})";

    // The planner can't tell a rare word from a common one, and the best plans differ. A rare word's few
    // matches are looked up by id and sorted. A common word has too many for that (a hundred thousand
    // lookups to keep fifty): the search walks the list in its order instead, a stretch at a time, and
    // keeps the ids the index finds among the stretch's range of ids (FTS5 seeks a rowid range directly).
    internal static int FewMatches { get; set; } = 500; // tests lower it to walk a small store

    public override async Task<string?> TextMatchAsync(DbConnection connection, string parameter, string text)
    {
        var matches = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM (SELECT 1 FROM requests_fts WHERE requests_fts MATCH @text LIMIT @few)", new { text, few = FewMatches });
        return matches < FewMatches ? TextMatch(parameter) : null;
    }

    public override async Task<HashSet<long>> MatchesAmongAsync(DbConnection connection, string text, long fromId, long toId) =>
        (await connection.QueryAsync<long>(
            "SELECT rowid FROM requests_fts WHERE requests_fts MATCH @text AND rowid BETWEEN @fromId AND @toId",
            new { text, fromId, toId })).ToHashSet();

    // WebSearch's groups as FTS5: ("a" AND "b c" NOT "d") OR (...). Every phrase is quoted, so q can't use FTS5 syntax.
    public override string? TextQuery(string q)
    {
        var groups = WebSearch.Parse(q);
        if (groups.Count == 0) return null;
        static string Phrase(string[] words) => $"\"{string.Join(' ', words)}\"";
        return string.Join(" OR ", groups.Select(g =>
            "(" + string.Join(" AND ", g.Include.Select(Phrase)) + string.Concat(g.Exclude.Select(e => " NOT " + Phrase(e))) + ")"));
    }

    public override bool IsUnavailable(Exception error) =>
        error is SqliteException { SqliteErrorCode: 14 /* SQLITE_CANTOPEN */ or 10 /* SQLITE_IOERR */ or 13 /* SQLITE_FULL */ };
}
