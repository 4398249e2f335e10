using Dapper;

namespace Open311;

// GET servicerequestupdates (CONTRACT §11, mySociety's extension): one update per change of a request in the window,
// from the same change log the updated_after sync reads (request_changes), so the two are exactly as complete as
// each other. Each change carries the status the request had then (migration 0005); its public notes and photos
// carry the change's own time (RequestChanges), which is how they are found. update_id is the request and the
// change's time: stable, unique, and what POST servicerequestupdates answers for the change it made.
sealed class UpdateFeed(Database db, DateCodec dates, MediaLinks media)
{
    sealed record ChangeAt(long RequestId, string ServiceRequestId, long ChangedAt, string? StatusDetail, string? ExternalStatusCode);

    public static string UpdateId(string serviceRequestId, long changedAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{serviceRequestId}.{changedAt}");

    public async Task<List<RequestUpdateWire>> ReadAsync(long from, long to, HttpRequest http, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var changes = (await connection.QueryAsync<ChangeAt>(
            """
            SELECT c.request_id, r.service_request_id, c.changed_at, c.status_detail, c.external_status_code
            FROM request_changes c JOIN requests r ON r.id = c.request_id
            WHERE c.changed_at >= @from AND c.changed_at <= @to
            ORDER BY c.changed_at, c.request_id
            """, new { from, to })).ToList();
        if (changes.Count == 0) return [];

        var args = new { ids = db.Dialect.IdList(changes.Select(c => c.RequestId).Distinct()), from, to, yes = true };
        var notes = (await connection.QueryAsync<(long RequestId, long CreatedAt, string? Description)>(
            $"""
            SELECT request_id, created_at, description FROM request_notes
            WHERE {db.Dialect.AnyId("request_id", "ids")} AND public = @yes AND created_at >= @from AND created_at <= @to
            ORDER BY request_id, created_at, id
            """, args)).ToLookup(n => (n.RequestId, n.CreatedAt));
        var photos = (await connection.QueryAsync<(long RequestId, long CreatedAt, string FileName)>(
            $"""
            SELECT request_id, created_at, file_name FROM request_photos
            WHERE {db.Dialect.AnyId("request_id", "ids")} AND public = @yes AND created_at >= @from AND created_at <= @to
            ORDER BY request_id, created_at, id
            """, args)).ToLookup(p => (p.RequestId, p.CreatedAt));

        return changes.Select(c =>
        {
            var said = notes[(c.RequestId, c.ChangedAt)].Select(n => n.Description).OfType<string>().ToList();
            var photo = photos[(c.RequestId, c.ChangedAt)].FirstOrDefault();
            return new RequestUpdateWire(
                UpdateId(c.ServiceRequestId, c.ChangedAt), c.ServiceRequestId, StatusDetails.ForUpdates(c.StatusDetail),
                dates.Format(c.ChangedAt), said.Count > 0 ? string.Join("\n\n", said) : null,
                photo.FileName is { } file ? media.Url(http, file) : null, c.ExternalStatusCode);
        }).ToList();
    }
}

// One update as mySociety's extension writes it (<service_request_updates><request_update>); JSON a bare array of them.
// media_url is the first public photo the change added (a change by staff adds one).
sealed record RequestUpdateWire(
    string UpdateId,
    string ServiceRequestId,
    string Status,
    string UpdatedDatetime,
    string? Description,
    string? MediaUrl,
    string? ExternalStatusCode);
