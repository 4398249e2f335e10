using System.Data.Common;
using Dapper;

namespace Open311;

enum ChangeStatus { Done, NotFound, Stale }

sealed record ChangeResult<T>(ChangeStatus Status, T? Value, long Version, string? Missing = null);

// Thrown by a change's work when what it changes is not there (a photo id): the transaction rolls back, 404.
sealed class MissingPart(string what) : Exception(what);

// One change to a request by staff, in one transaction: the If-Match check, version + 1, updated_at
// moved (so public updated_after and order=updated_datetime see it), the search index rebuilt, and the
// audit entries the change writes (CONTRACT §8).
sealed class RequestChanges(Database db, TimeProvider time)
{
    public async Task<ChangeResult<T>> ApplyAsync<T>(string serviceRequestId, IfMatch ifMatch, Actor actor,
        Func<RequestChange, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(serviceRequestId, ifMatch, actor, work, ct);
        }
        catch (MissingPart missing)
        {
            return new ChangeResult<T>(ChangeStatus.NotFound, default, 0, missing.Message);
        }
    }

    Task<ChangeResult<T>> WriteAsync<T>(string serviceRequestId, IfMatch ifMatch, Actor actor,
        Func<RequestChange, Task<T>> work, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            if (await RequestQueries.FindForUpdateAsync(c, t, serviceRequestId) is not { } row)
                return new ChangeResult<T>(ChangeStatus.NotFound, default, 0);
            if (!ifMatch.Matches(row.Version)) return new ChangeResult<T>(ChangeStatus.Stale, default, row.Version);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            // First, so that on PostgreSQL the row is locked and a concurrent change since the read shows up as 0 rows.
            var bumped = await c.ExecuteAsync(
                $"UPDATE requests SET {RequestRow.Touch} WHERE id = @id AND version = @version",
                new { now, id = row.Id, version = row.Version }, t);
            if (bumped == 0) return new ChangeResult<T>(ChangeStatus.Stale, default, row.Version);
            var value = await work(new RequestChange(c, t, row, now, actor));
            await db.Dialect.IndexRequestAsync(c, t, row.Id);
            return new ChangeResult<T>(ChangeStatus.Done, value, row.Version + 1);
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
        Connection.QuerySingleAsync<NoteRow>(
            """
            INSERT INTO request_notes (request_id, created_at, type, summary, description, public, api_key_id)
            VALUES (@requestId, @now, @type, @summary, @description, @isPublic, @keyId)
            RETURNING id, request_id, created_at, type, summary, description, public, api_key_id
            """, new { requestId = Row.Id, now = Now, type, summary, description, isPublic, keyId = Actor.KeyId }, Transaction);
}
