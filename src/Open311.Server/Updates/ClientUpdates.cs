using Dapper;
using Microsoft.Extensions.Options;

namespace Open311;

// POST servicerequestupdates (CONTRACT §11): a resident's comment that a client such as FixMyStreet sends on.
// It is stored as a note of the request (public unless Open311:ClientUpdates:Public is false), the contact fields
// privately beside the client's update_id; the same update_id from the same key answers the same id again and
// stores nothing. A client's status reopens a closed request only where MayReopen allows; no other status is changed
// by a client (FixMyStreet sends CLOSED when a resident says it is fixed: the comment is kept, staff decide).
sealed class ClientUpdates(Database db, Casework casework, DateCodec dates, IOptions<ClientUpdateOptions> options)
{
    public static async Task<IResult> PostAsync(string format, HttpContext http, ClientUpdates updates, CancellationToken ct)
    {
        var wire = format.AsWire();
        var read = await FormBody.ReadAsync(http);
        if (read.Form is null) return Wire.Errors(wire, [new Open311Error(read.Status, read.Problem!)]);
        if (http.Caller().Key is not { } key) return Wire.Error(wire, Open311Error.Forbidden("api_key is required to post an update"));
        var fields = new SubmittedFields(read.Form, http.Request.Query);

        var errors = new List<Open311Error>();
        string? Text(string name, int max, bool required = false)
        {
            var value = fields[name]?.Trim();
            if (string.IsNullOrEmpty(value)) { if (required) errors.Add(Open311Error.BadRequest(name, "is required")); return null; }
            if (value.Length > max) { errors.Add(Open311Error.BadRequest(name, $"must be at most {max} characters")); return null; }
            return value;
        }
        var requestId = Text("service_request_id", 100, required: true);
        var clientId = Text("update_id", 200, required: true);
        var description = Text("description", Submission.MaxDescription);
        var mediaUrl = Text("media_url", 2048);
        if (mediaUrl is not null && !(Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors.Add(Open311Error.BadRequest("media_url", "must be an absolute http or https URL"));
        var statusText = Text("status", 50);
        var detail = StatusDetails.FromClient(statusText);
        if (statusText is not null && detail is null)
            errors.Add(Open311Error.BadRequest("status", $"must be OPEN, CLOSED or one of {string.Join(", ", StatusDetails.All)}"));
        if (Text("updated_datetime", 50) is { } at && !updates.Dates.TryRead(at, out _))
            errors.Add(Open311Error.BadRequest("updated_datetime", "must be an ISO 8601 datetime such as 2026-01-31T00:00:00Z"));
        var contact = new Contact(Text("first_name", 100), Text("last_name", 100), Text("email", 254), Text("phone", 50));
        if (errors.Count == 0 && description is null && mediaUrl is null && detail is null)
            errors.Add(Open311Error.BadRequest("description", "is required when no status or media_url is sent"));
        if (errors.Count > 0) return Wire.Errors(wire, errors);

        var answer = await updates.PostAsync(key, requestId!, clientId!, description, mediaUrl, detail, contact, ct);
        if (answer is null) return Wire.Error(wire, Open311Error.NotFound("service_request_id", $"'{Lists.Clip(requestId!)}' was not found"));
        return Wire.List(wire, "service_request_updates", new List<PostedUpdateWire> { new(answer) });
    }

    sealed record Contact(string? FirstName, string? LastName, string? Email, string? Phone);

    // Our update_id for the client's, or null when the request is not there.
    async Task<string?> PostAsync(ApiKey key, string serviceRequestId, string clientId, string? description, string? mediaUrl,
        string? detail, Contact contact, CancellationToken ct, bool retried = false)
    {
        if (await StoredAsync(key.Id, clientId, ct) is { } earlier) return earlier;
        var text = string.Join("\n\n", new[] { description, mediaUrl }.OfType<string>());
        var comment = new ResidentComment(text, options.Value.Public, detail, options.Value.MayReopen);
        var result = await casework.CommentAsync(serviceRequestId, key.Actor, comment, async record =>
        {
            var updateId = UpdateFeed.UpdateId(serviceRequestId, record.At);
            // Two calls with the same update_id at once: the second's row is not written, and its change undone.
            var kept = await record.Connection.ExecuteAsync(
                """
                INSERT INTO client_updates (api_key_id, client_update_id, request_id, update_id, created_at, first_name, last_name, email, phone)
                VALUES (@keyId, @clientId, @requestId, @updateId, @now, @FirstName, @LastName, @Email, @Phone)
                ON CONFLICT (api_key_id, client_update_id) DO NOTHING
                """, new { keyId = key.Id, clientId, requestId = record.RequestId, updateId, now = record.At,
                    contact.FirstName, contact.LastName, contact.Email, contact.Phone }, record.Transaction);
            return kept == 0 ? null : updateId;
        }, ct);
        return result.Status switch
        {
            ChangeStatus.Done => result.Value,
            ChangeStatus.NotFound when result.Missing is not null => await StoredAsync(key.Id, clientId, ct),
            // Staff changed the request between our read and our write: once more, on the new version.
            ChangeStatus.Stale when !retried => await PostAsync(key, serviceRequestId, clientId, description, mediaUrl, detail, contact, ct, retried: true),
            _ => null,
        };
    }

    async Task<string?> StoredAsync(long keyId, string clientId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT update_id FROM client_updates WHERE api_key_id = @keyId AND client_update_id = @clientId", new { keyId, clientId });
    }

    public DateCodec Dates => dates;
}

sealed record PostedUpdateWire(string UpdateId);
