using System.Data.Common;
using Dapper;

namespace Open311;

// Everything that differs between the storage engines, and nothing else: connections, migrations,
// list parameters, request numbers, bulk loads and full-text search. Queries elsewhere are plain SQL both engines run.
abstract class Dialect
{
    public abstract string Engine { get; }

    public abstract DbConnection CreateConnection();

    // Applies the versioned .sql migrations of this engine (Storage/Migrations/{engine}) with DbUp.
    public abstract void Migrate(ILogger logger);

    // Writes queue and commit in groups (GroupCommit): SQLite has one writer at a time, and PostgreSQL's
    // creations wait for each other on the year's sequence row.
    public virtual bool GroupsCommits => false;

    // "column IN (...)" for a list parameter.
    public abstract string AnyOf(string column, string parameter);

    // The same for a page of row ids (up to a hundred and one), as one parameter made by IdList.
    public virtual string AnyId(string column, string parameter) => AnyOf(column, parameter);

    public virtual object IdList(IEnumerable<long> ids) => ids.ToArray();

    // The next number of the YY-NNNNNNNN sequence for a year, safe under concurrent creation.
    public abstract Task<long> NextRequestNumberAsync(DbConnection connection, DbTransaction transaction, int year);

    // Rebuilds the search document of a request (the request_documents view of the migrations).
    public abstract Task IndexRequestAsync(DbConnection connection, DbTransaction transaction, long requestId);

    // The same for requests just written, which have no search document yet: one, or a bulk load's batch.
    public abstract Task IndexNewRequestsAsync(DbConnection connection, DbTransaction transaction, long fromId, long toId);

    // Bulk loading (`seed`): a connection made ready for it, rows written in the caller's transactions,
    // and a tidy-up at the end. A load writes the change log itself, with the change triggers set aside.
    public virtual Task BeginLoadAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    public abstract Task BulkInsertAsync<T>(DbConnection connection, DbTransaction transaction, Table<T> table, IReadOnlyList<T> rows, bool withIdentity, CancellationToken ct);

    public abstract Task SuspendChangeLogAsync(DbConnection connection, DbTransaction transaction);

    public abstract Task ResumeChangeLogAsync(DbConnection connection, DbTransaction transaction);

    public virtual Task EndLoadAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    // Turns the user's q into the engine's query text; null when q holds nothing searchable.
    public abstract string? TextQuery(string q);

    // A predicate on the requests alias "r" matching the text query in the given parameter.
    public abstract string TextMatch(string parameter);

    // The keys of one page of a search. With a text query, the base plan adds TextMatch to the filters;
    // an engine may plan it otherwise (SQLite walks the list for a common word).
    public virtual async Task<List<SearchKey>> SearchKeysAsync(DbConnection connection, KeyQuery query, string? text, long offset, long limit)
    {
        if (text is not null) query = query.And(TextMatch("text"), "text", text);
        return (await connection.QueryAsync<SearchKey>(query.Sql, query.Page(offset, limit))).AsList();
    }

    // The spatial index of requests' points (migration 0004): a predicate on the requests alias "r" that finds those
    // in the box @south..@north, @west..@east through it. It may round outward; callers check the columns too.
    public abstract string PlaceMatch();

    // How many requests the index finds in the box, counted up to `upTo`: a few are read through the index, many
    // by walking the list in its order (the same choice as SQLite's q plans). The box is @south, @west, @north, @east.
    public virtual async Task<long> CountPlacesAsync(DbConnection connection, DynamicParameters box, long upTo)
    {
        var args = new DynamicParameters(box);
        args.Add("upTo", upTo);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM (SELECT 1 FROM requests r WHERE {PlaceMatch()} LIMIT @upTo) x", args);
    }

    // True when the error means the storage could not be reached at all (503, not 500).
    public abstract bool IsUnavailable(Exception error);
}

// A migration script that failed (its transaction rolled back): which script, and the database's own reason.
sealed class MigrationFailedException(string engine, string? script, Exception? cause)
    : Exception($"the {engine} migration {ScriptFile(engine, script)} failed and was rolled back: {cause?.Message ?? "no reason given"}", cause)
{
    // DbUp names a script by its embedded resource, Open311.Storage.Migrations.<engine>.0008_name.sql: the file is the part after the engine.
    static string ScriptFile(string engine, string? script) =>
        script is null ? "(unknown)" : script[(script.IndexOf($".{engine}.", StringComparison.Ordinal) is var at and >= 0 ? at + engine.Length + 2 : 0)..];
}
