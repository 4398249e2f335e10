using System.Data.Common;

namespace Open311;

// Everything that differs between the storage engines, and nothing else: connections, migrations,
// list parameters, request numbers and full-text search. Queries elsewhere are plain SQL both engines run.
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

    // Rebuilds the search document of a request: description, address, service name and the text of its public notes.
    public abstract Task IndexRequestAsync(DbConnection connection, DbTransaction transaction, long requestId);

    // The same for a request just created, which has no search document yet.
    public virtual Task IndexNewRequestAsync(DbConnection connection, DbTransaction transaction, long requestId) =>
        IndexRequestAsync(connection, transaction, requestId);

    // Bulk loading (`seed`): a connection made ready for it, batches of whole requests written in the
    // caller's transactions (their change rows and search documents included), and a tidy-up at the end.
    public virtual Task BeginLoadAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    public abstract Task LoadRequestsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RequestLoad> batch, CancellationToken ct);

    public virtual Task EndLoadAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    // A predicate on the requests alias "r" matching the text query in the given parameter.
    public abstract string TextMatch(string parameter);

    // The same, for a search about to run on this connection, or null when the engine would rather the list
    // were walked in its order a stretch at a time, asking MatchesAmongAsync which ids of each stretch match.
    public virtual Task<string?> TextMatchAsync(DbConnection connection, string parameter, string text) =>
        Task.FromResult<string?>(TextMatch(parameter));

    public virtual Task<HashSet<long>> MatchesAmongAsync(DbConnection connection, string text, long fromId, long toId) =>
        throw new NotSupportedException($"{Engine} matches text with a predicate");

    // Turns the user's q into the engine's query text; null when q holds nothing searchable.
    public abstract string? TextQuery(string q);

    // True when the error means the storage could not be reached at all (503, not 500).
    public abstract bool IsUnavailable(Exception error);
}
