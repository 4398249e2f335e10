using System.Data.Common;
using Dapper;

namespace Open311;

// What a change of a request answers: done (with its value and the request's new version), not found (the request,
// or a part the change needs: Missing says which), stale (the request moved past the expected version; Version is the
// current one), or invalid (the input broke a rule: Problems lists each, in the order the fields were checked).
enum ChangeStatus { Done, NotFound, Stale, Invalid }

sealed record ChangeResult<T>(ChangeStatus Status, T? Value, long Version, string? Missing = null, IReadOnlyList<FieldProblem>? Problems = null)
{
    public static ChangeResult<T> Refused(IReadOnlyList<FieldProblem> problems) => new(ChangeStatus.Invalid, default, 0, null, problems);
}

// What a change's work answers: its value, or that a part it changes is not there (a photo id), in which
// case the whole change is undone and answered 404.
readonly record struct Step<T>(T? Value, string? Missing);

static class Step
{
    public static Step<T> Done<T>(T value) => new(value, null);
}

// The transaction of every change to an existing request (Casework's operations are its only callers): the expected
// version checked, version + 1, updated_at moved (so public updated_after and order=updated_datetime see it), the
// change's own rows, the search index rebuilt, and the audit entries the change writes (CONTRACT §8), all committed
// together or not at all.
sealed class RequestChanges(Database db, TimeProvider time)
{
    public Task<ChangeResult<T>> ApplyAsync<T>(string serviceRequestId, IfMatch ifMatch, Actor actor,
        Func<RequestChange, Task<Step<T>>> work, CancellationToken ct) =>
        db.WriteOrUndoAsync(async (c, t) =>
        {
            if (await RequestQueries.FindForUpdateAsync(c, t, serviceRequestId) is not { } row)
                return (new ChangeResult<T>(ChangeStatus.NotFound, default, 0), false);
            if (!ifMatch.Matches(row.Version)) return (new ChangeResult<T>(ChangeStatus.Stale, default, row.Version), false);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            // First, so that on PostgreSQL the row is locked and a concurrent change since the read shows up as 0 rows.
            var bumped = await c.ExecuteAsync(
                $"UPDATE requests SET {RequestRow.Touch} WHERE id = @id AND version = @version",
                new { now, id = row.Id, version = row.Version }, t);
            if (bumped == 0) return (new ChangeResult<T>(ChangeStatus.Stale, default, row.Version), false);
            // The change's own time, as Touch set updated_at: its notes and photos carry it, so the updates feed
            // (one update per change) finds them by it.
            var at = now > row.UpdatedAt ? now : row.UpdatedAt + 1;
            var step = await work(new RequestChange(c, t, row, at, actor));
            if (step.Missing is { } missing) return (new ChangeResult<T>(ChangeStatus.NotFound, default, 0, missing), false);
            await db.Dialect.IndexRequestAsync(c, t, row.Id);
            return (new ChangeResult<T>(ChangeStatus.Done, step.Value, row.Version + 1), true);
        }, ct);
}

sealed record RequestChange(DbConnection Connection, DbTransaction Transaction, RequestRow Row, long Now, Actor Actor)
{
    // Details never carry note text, titles or personal fields: only what changed, not what it says.
    public Task AuditAsync(string entity, string entityId, string action, object? detail = null) =>
        AuditTrail.WriteAsync(Connection, Transaction, Now, Actor, entity, entityId, action, detail, Row.Id);

    public Task<NoteRow> AddNoteAsync(string type, string? summary, string? description, bool isPublic) =>
        Connection.QuerySingleAsync<NoteRow>(NoteRow.Table.InsertSql(returning: NoteRow.Columns), NoteRow.Table.Parameters(new NoteRow
        {
            RequestId = Row.Id, CreatedAt = Now, Type = type, Summary = summary, Description = description, Public = isPublic, ApiKeyId = Actor.KeyId,
        }), Transaction);

    // The part this change needed is not there: the change is undone, and the caller answered 404.
    public static Step<T> Missing<T>(string what) => new(default, what);
}
