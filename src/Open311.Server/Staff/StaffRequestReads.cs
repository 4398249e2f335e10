using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;

namespace Open311;

// Reads for the staff API: the whole request, and its audit trail.
sealed class StaffRequestReads(Database db, RequestQueries requests, DateCodec dates, MediaLinks media, PublicBase publicBase)
{
    public async Task<StaffRequest?> FindAsync(string serviceRequestId, HttpRequest http, CancellationToken ct)
    {
        if (await requests.FindAsync(serviceRequestId, ct) is not { } r) return null;
        var extras = await requests.ExtrasAsync([r], includePrivate: true, ct);
        PersonalRow p;
        await using (var connection = await db.OpenAsync(ct))
            p = await connection.QuerySingleAsync<PersonalRow>(
                """
                SELECT r.email, r.phone, r.first_name, r.last_name, r.device_id, r.account_id, r.team_id, u.email AS assignee
                FROM requests r LEFT JOIN staff_users u ON u.id = r.assignee_id WHERE r.id = @id
                """, new { id = r.Id });

        var photos = extras.Photos[r.Id].ToList();
        var firstPublic = photos.FirstOrDefault(x => x.Public);
        var details = extras.Answers[r.Id].GroupBy(a => a.Code)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(a => a.Position).Select(a => a.Value).ToList());
        return new StaffRequest(
            r.ServiceRequestId, r.Token, r.Status, r.StatusDetail, r.DuplicateOf, r.ExternalStatusCode, r.StatusNotes, r.ServiceCode, r.ServiceName, r.Description, r.AgencyResponsible,
            p.TeamId, p.Assignee, r.ServiceNotice, dates.Format(r.RequestedAt), dates.Format(r.UpdatedAt), dates.Format(r.ExpectedAt),
            r.Address, r.AddressId, r.Zipcode, r.Lat, r.Lon,
            firstPublic is not null ? media.Url(http, firstPublic.FileName) : r.MediaUrl, r.Channel,
            p.Email, p.Phone, p.FirstName, p.LastName, p.DeviceId, p.AccountId, details,
            extras.Notes[r.Id].Select(Note).ToList(),
            photos.Select(x => Photo(x, r.ServiceRequestId, http)).ToList(),
            r.Version);
    }

    public StaffNote Note(NoteRow n) => new(n.Id, dates.Format(n.CreatedAt), n.Type, n.Summary, n.Description, n.Public);

    public StaffPhoto Photo(PhotoRow p, string serviceRequestId, HttpRequest http) => new(
        p.Id, p.Title, p.Public, p.ContentType, p.ByteSize, dates.Format(p.CreatedAt),
        p.Public ? media.Url(http, p.FileName) : null,
        $"{publicBase.Of(http)}/api/v1/requests/{serviceRequestId}/photos/{p.Id}");

    // Every audit entry of the request, oldest first, with the name its key (or console user) had then.
    public async Task<List<HistoryEntry>?> HistoryAsync(string serviceRequestId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM requests WHERE service_request_id = @serviceRequestId", new { serviceRequestId });
        if (id is null) return null;
        var rows = await connection.QueryAsync<(long Id, long At, long? ApiKeyId, string? KeyName, string Entity, string EntityId, string Action, string? Detail, long? UserId)>(
            """
            SELECT id, at, api_key_id, key_name, entity, entity_id, action, detail, user_id
            FROM audit_log WHERE request_id = @id ORDER BY id
            """, new { id });
        return rows.Select(a => new HistoryEntry(a.Id, dates.Format(a.At), a.Action, a.Entity, a.EntityId, a.ApiKeyId, a.KeyName,
            a.Detail is null ? null : JsonElement.Parse(a.Detail), a.UserId)).ToList();
    }
}
