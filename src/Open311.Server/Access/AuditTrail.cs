using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Open311;

// Who made a change: a key (its id and its name at the time), a staff user of the console (their id and name at
// the time), or an admin command on the server.
sealed record Actor(long? KeyId, string Name, long? UserId = null)
{
    public static readonly Actor Command = new(null, "admin command");
    public static readonly Actor Anonymous = new(null, "anonymous");
    public static readonly Actor ResidentSite = new(null, "resident site");
}

// One entry of audit_log: what changed, when, and who did it (the key's or the user's name kept as it was then).
sealed class AuditRow
{
    public long Id { get; init; }
    public long At { get; init; }
    public long? ApiKeyId { get; init; }
    public string? KeyName { get; init; }
    public string Entity { get; init; } = "";
    public string EntityId { get; init; } = "";
    public long? RequestId { get; init; }
    public long? UserId { get; init; }
    public string Action { get; init; } = "";
    public string? Detail { get; init; }

    public static readonly Table<AuditRow> Table = new("audit_log", "id",
        Col.BigInt<AuditRow>("id", a => a.Id),
        Col.BigInt<AuditRow>("at", a => a.At),
        Col.BigInt<AuditRow>("api_key_id", a => a.ApiKeyId),
        Col.Text<AuditRow>("key_name", a => a.KeyName),
        Col.Text<AuditRow>("entity", a => a.Entity),
        Col.Text<AuditRow>("entity_id", a => a.EntityId),
        Col.BigInt<AuditRow>("request_id", a => a.RequestId),
        Col.Text<AuditRow>("action", a => a.Action),
        Col.Text<AuditRow>("detail", a => a.Detail),
        Col.BigInt<AuditRow>("user_id", a => a.UserId));
}

// Every change is written to audit_log in the same transaction as the change itself (CONTRACT §8).
// Details never hold personal fields or key secrets.
static class AuditTrail
{
    public static Task WriteAsync(DbConnection connection, DbTransaction transaction, long at, Actor actor,
        string entity, string entityId, string action, object? detail = null, long? requestId = null) =>
        connection.ExecuteAsync(AuditRow.Table.InsertSql(), AuditRow.Table.Parameters(new AuditRow
        {
            At = at, ApiKeyId = actor.KeyId, KeyName = actor.Name, Entity = entity, EntityId = entityId, RequestId = requestId,
            UserId = actor.UserId, Action = action, Detail = detail is null ? null : JsonSerializer.Serialize(detail, WireJson.Staff),
        }), transaction);
}
