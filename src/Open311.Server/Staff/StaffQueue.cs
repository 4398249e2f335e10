using Dapper;

namespace Open311;

enum QueueSort { Newest, Oldest, Updated }

// What staff ask of the queue (the console's list, map and CSV): the public search's filters (services, status,
// extended status, dates, text, a box) plus the staff-only ones, agency and photo.
sealed record QueueFilter
{
    public IReadOnlyList<long>? ServiceIds { get; init; }
    public IReadOnlyList<string>? Statuses { get; init; }
    public IReadOnlyList<string>? StatusDetails { get; init; }
    public long? RequestedFrom { get; init; }
    public long? RequestedTo { get; init; }
    public string? Agency { get; init; }
    public string? Text { get; init; }
    public bool? HasPhoto { get; init; }
    public GeoBox? Box { get; init; }
    public bool WithCoordinates { get; init; }
    public QueueSort Sort { get; init; } = QueueSort.Newest;
    public int Page { get; init; } = 1;
    public int PerPage { get; init; } = 25;
}

sealed record QueuePage(IReadOnlyList<RequestRow> Rows, long Total);

// The staff queue: the public search's key query (SearchKeys, the same fragments and text plans) with the staff
// filters added as fixed fragments, a count of the whole match, and the page's rows.
sealed class StaffQueue(Database db)
{
    public async Task<QueuePage> SearchAsync(QueueFilter q, CancellationToken ct)
    {
        var dialect = db.Dialect;
        var search = new RequestFilter
        {
            Statuses = q.Statuses, StatusDetails = q.StatusDetails, RequestedFrom = q.RequestedFrom, RequestedTo = q.RequestedTo, Box = q.Box,
            WithCoordinates = q.WithCoordinates, PerPage = q.PerPage, Page = q.Page,
        };
        var text = q.Text is null ? null : dialect.TextQuery(q.Text);
        var query = SearchKeys.For(search, q.ServiceIds, text is not null, dialect);
        if (q.Agency is not null) query = query.And("r.agency_responsible = @agency", "agency", q.Agency);
        if (q.HasPhoto is { } photo)
            query = query.And($"{(photo ? "" : "NOT ")}(r.media_url IS NOT NULL OR EXISTS (SELECT 1 FROM request_photos p WHERE p.request_id = r.id))",
                "hasPhoto", photo);
        query = q.Sort switch
        {
            QueueSort.Oldest => query with { Order = "r.requested_at, r.id" },
            QueueSort.Updated => query with { Select = "r.id, r.updated_at AS at", Order = "r.updated_at DESC, r.id DESC" },
            _ => query,
        };

        await using var connection = await db.OpenAsync(ct);
        var counted = text is null ? query : query.And(dialect.TextMatch("text"), "text", text);
        var total = await connection.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM {counted.From} {(counted.Where.Count > 0 ? "WHERE " + string.Join(" AND ", counted.Where) : "")}", counted.Args);
        if (total == 0) return new QueuePage([], 0);
        var keys = await dialect.SearchKeysAsync(connection, query, text, (long)(q.Page - 1) * q.PerPage, q.PerPage);
        if (keys.Count == 0) return new QueuePage([], total);
        var rows = (await connection.QueryAsync<RequestRow>(
            $"SELECT {RequestRow.Columns}, {RequestRow.FirstPhotoColumn} FROM {RequestRow.From} WHERE {dialect.AnyId("r.id", "page")}",
            new { page = dialect.IdList(keys.Select(k => k.Id)) })).ToDictionary(r => r.Id);
        return new QueuePage(keys.Select(k => rows[k.Id]).ToList(), total);
    }

    // The contact fields of a page of requests, for an admin's CSV export.
    public async Task<Dictionary<long, PersonalRow>> ContactsAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string? Email, string? Phone, string? FirstName, string? LastName)>(
            $"SELECT id, email, phone, first_name, last_name FROM requests r WHERE {db.Dialect.AnyId("r.id", "ids")}",
            new { ids = db.Dialect.IdList(ids) });
        return rows.ToDictionary(r => r.Id, r => new PersonalRow { Email = r.Email, Phone = r.Phone, FirstName = r.FirstName, LastName = r.LastName });
    }
}
