using System.Data.Common;
using Dapper;

namespace Open311;

enum ChangeStatus { Done, NotFound, Stale }

sealed record ChangeResult<T>(ChangeStatus Status, T? Value, long Version, string? Missing = null);

// What a change's work answers: its value, or that a part it changes is not there (a photo id), in which
// case the whole change is undone and answered 404.
readonly record struct Step<T>(T? Value, string? Missing);

static class Step
{
    public static Step<T> Done<T>(T value) => new(value, null);
}

// One change to a request by staff, in one transaction: the If-Match check, version + 1, updated_at
// moved (so public updated_after and order=updated_datetime see it), the search index rebuilt, and the
// audit entries the change writes (CONTRACT §8).
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

    // The answer to a change that did not happen; null when it did (and then the new ETag is set).
    public static IResult? Refusal<T>(ChangeResult<T> result, string serviceRequestId, HttpContext http) => result.Status switch
    {
        ChangeStatus.NotFound => Problems.NotFound(result.Missing ?? $"Request {serviceRequestId}"),
        ChangeStatus.Stale => Problems.Status(StatusCodes.Status412PreconditionFailed,
            $"Request {serviceRequestId} changed since you read it; its ETag is now {IfMatch.ETag(result.Version)}. GET it again and retry."),
        _ => Done(http, result.Version),
    };

    static IResult? Done(HttpContext http, long version)
    {
        http.Response.Headers.ETag = IfMatch.ETag(version);
        return null;
    }
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
