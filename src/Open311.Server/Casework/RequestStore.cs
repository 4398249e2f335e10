using System.Globalization;
using System.Security.Cryptography;
using Dapper;

namespace Open311;

// Casework's creation of a request: the row, its answers, its "opened" note, its photos' rows, the search index and
// the audit row, in one transaction. RequestIntake (Requests/) checks the submission and keeps the files, and asks
// for this by its interface, IRequestWriter, as Requests may not name Casework. A new request goes to its service's
// default team and is due by its target (issue 28).
sealed class RequestStore(Database db, TimeProvider time, DateCodec dates, CityCalendar city) : IRequestWriter
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
            // Issue 28: the service's default team works it (its public name is the agency responsible), and its
            // target sets when it is due.
            var service = r.Service.Service;
            var agency = service.DefaultTeam is { } team
                ? await c.ExecuteScalarAsync<string?>("SELECT public_name FROM teams WHERE id = @team", new { team }, t) : null;
            long? expectedAt = service.Sla is { } sla ? DueDate.Of(DateTimeOffset.FromUnixTimeMilliseconds(now), sla, city).ToUnixTimeMilliseconds() : null;
            var row = new RequestRow
            {
                ServiceRequestId = serviceRequestId, Token = token, ServiceId = r.Service.Service.Id, Status = "open",
                Description = r.Description, ServiceNotice = r.Service.Service.Notice, RequestedAt = now, UpdatedAt = now,
                Address = r.Address, AddressId = r.AddressId, Lat = r.Lat, Lon = r.Long, MediaUrl = r.MediaUrl, Channel = r.Channel,
                MoreMediaUrls = r.MoreMediaUrls is { Count: > 0 } more ? string.Join('\n', more) : null,
                Email = r.Email, Phone = r.Phone, FirstName = r.FirstName, LastName = r.LastName, DeviceId = r.DeviceId,
                AccountId = r.AccountId, ApiKeyId = caller.Key?.Id,
                TeamId = agency is null ? null : service.DefaultTeam, AgencyResponsible = agency, ExpectedAt = expectedAt,
            };
            var id = await c.ExecuteScalarAsync<long>(RequestRow.Table.InsertSql(returning: "id"), RequestRow.Table.Parameters(row), t);
            foreach (var (code, values) in r.Answers)
                foreach (var (value, position) in values.Select((v, i) => (v, i)))
                    await c.ExecuteAsync(AnswerRow.Table.InsertSql(), AnswerRow.Table.Parameters(
                        new AnswerRow { RequestId = id, Code = code, Position = position, Value = value }), t);
            // Chicago/Austin notes: every request starts with its "opened" note.
            await c.ExecuteAsync(NoteRow.Table.InsertSql(), NoteRow.Table.Parameters(new NoteRow
            {
                RequestId = id, CreatedAt = now, Type = "opened", Summary = "Request opened", Public = true, ApiKeyId = caller.Key?.Id,
            }), t);
            foreach (var photo in photos ?? [])
                await PhotoWrites.InsertAsync(c, t, id, photo, title: null, isPublic: true, now, caller.Key?.Id);
            await db.Dialect.IndexNewRequestsAsync(c, t, id, id);
            await AuditTrail.WriteAsync(c, t, now, caller.Actor, "request", serviceRequestId, "created",
                new { service_code = r.Service.Service.ServiceCode, channel = r.Channel, photos = photos?.Count ?? 0 }, id);
            return (serviceRequestId, token);
        }, ct);

    // 144 random bits, URL-safe (CONTRACT §4 asks for at least 128).
    static string NewToken() => ApiKeySecrets.Base64Url(RandomNumberGenerator.GetBytes(18));
}
