using System.Globalization;
using System.Security.Cryptography;
using Dapper;

namespace Open311;

// Writes requests. Every write moves updated_at, keeps the search index in step and is audited,
// all in the transaction of the change.
sealed class RequestStore(Database db, TimeProvider time, DateCodec dates)
{
    // Photos are files already written (PhotoFiles.KeepAsync); their rows join the request's transaction.
    public Task<(string ServiceRequestId, string Token)> CreateAsync(NewRequest r, Caller caller, CancellationToken ct,
        IReadOnlyList<StoredFile>? photos = null) =>
        db.WriteAsync(async (c, t) =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            // Austin's form: YY-NNNNNNNN, the year of the jurisdiction's calendar.
            var year = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(now), dates.Zone).Year % 100;
            var number = await db.Dialect.NextRequestNumberAsync(c, t, year);
            var serviceRequestId = string.Create(CultureInfo.InvariantCulture, $"{year:00}-{number:00000000}");
            var token = NewToken();
            var id = await c.ExecuteScalarAsync<long>(
                """
                INSERT INTO requests (service_request_id, token, service_id, status, description, service_notice,
                    requested_at, updated_at, address, address_id, lat, lon, media_url, channel,
                    email, phone, first_name, last_name, device_id, account_id, api_key_id)
                VALUES (@serviceRequestId, @token, @serviceId, 'open', @Description, @notice,
                    @now, @now, @Address, @AddressId, @Lat, @Long, @MediaUrl, @Channel,
                    @Email, @Phone, @FirstName, @LastName, @DeviceId, @AccountId, @keyId)
                RETURNING id
                """,
                new
                {
                    serviceRequestId, token, serviceId = r.Service.Service.Id, r.Description, notice = r.Service.Service.Notice,
                    now, r.Address, r.AddressId, r.Lat, r.Long, r.MediaUrl, r.Channel,
                    r.Email, r.Phone, r.FirstName, r.LastName, r.DeviceId, r.AccountId, keyId = caller.Key?.Id,
                }, t);
            foreach (var (code, values) in r.Answers)
                foreach (var (value, position) in values.Select((v, i) => (v, i)))
                    await c.ExecuteAsync(
                        "INSERT INTO request_attributes (request_id, code, position, value) VALUES (@id, @code, @position, @value)",
                        new { id, code, position, value }, t);
            // Chicago/Austin notes: every request starts with its "opened" note.
            await c.ExecuteAsync(
                """
                INSERT INTO request_notes (request_id, created_at, type, summary, description, public, api_key_id)
                VALUES (@id, @now, 'opened', 'Request opened', NULL, @yes, @keyId)
                """, new { id, now, yes = true, keyId = caller.Key?.Id }, t);
            foreach (var photo in photos ?? [])
                await PhotoRows.InsertAsync(c, t, id, photo, title: null, isPublic: true, now, caller.Key?.Id);
            await db.Dialect.IndexNewRequestAsync(c, t, id);
            await AuditTrail.WriteAsync(c, t, now, caller.Actor, "request", serviceRequestId, "created",
                new { service_code = r.Service.Service.ServiceCode, channel = r.Channel, photos = photos?.Count ?? 0 }, id);
            return (serviceRequestId, token);
        }, ct);

    // 144 random bits, URL-safe (CONTRACT §4 asks for at least 128).
    static string NewToken() => ApiKeySecrets.Base64Url(RandomNumberGenerator.GetBytes(18));
}
