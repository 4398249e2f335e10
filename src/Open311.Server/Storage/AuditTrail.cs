using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Open311;

// Who made a change: a key (its id and its name at the time) or an admin command on the server.
sealed record Actor(long? KeyId, string Name)
{
    public static readonly Actor Command = new(null, "admin command");
    public static readonly Actor Anonymous = new(null, "anonymous");
}

// Every change is written to audit_log in the same transaction as the change itself (CONTRACT §8).
// Details never hold personal fields or key secrets.
static class AuditTrail
{
    public static Task WriteAsync(DbConnection connection, DbTransaction transaction, long at, Actor actor,
        string entity, string entityId, string action, object? detail = null, long? requestId = null) =>
        connection.ExecuteAsync(
            """
            INSERT INTO audit_log (at, api_key_id, key_name, entity, entity_id, request_id, action, detail)
            VALUES (@at, @keyId, @keyName, @entity, @entityId, @requestId, @action, @detail)
            """,
            new
            {
                at,
                keyId = actor.KeyId,
                keyName = actor.Name,
                entity,
                entityId,
                requestId,
                action,
                detail = detail is null ? null : JsonSerializer.Serialize(detail, AuditJson),
            }, transaction);

    static readonly JsonSerializerOptions AuditJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
