using System.Data.Common;
using Dapper;

namespace Open311;

// Reads requests for the public API: search, one by id, one by token.
sealed class RequestQueries(Database db, SyncBookmarks bookmarks)
{
    // The key of a row in its list's order: its id, and for sync order the time of its change.
    sealed record Key(long Id, long At);

    // Reads one page and, with lookAhead, that many rows more to tell whether another page follows.
    // Two steps (a deferred join): the page's ids from the narrowest index that orders them, where the rows
    // of earlier pages are skipped, then the page's rows by id.
    public async Task<IReadOnlyList<RequestRow>> SearchAsync(RequestFilter f, IReadOnlyCollection<long>? serviceIds, int lookAhead, CancellationToken ct)
    {
        var dialect = db.Dialect;
        var where = new List<string>();
        var args = new DynamicParameters();
        await using var connection = await db.OpenAsync(ct);
        // One fixed fragment per filter (FixMyStreet's %rules).
        if (f.Ids is not null) { where.Add(dialect.AnyOf("r.service_request_id", "ids")); args.Add("ids", f.Ids.ToArray()); }
        if (serviceIds is not null) { where.Add(dialect.AnyOf("r.service_id", "serviceIds")); args.Add("serviceIds", serviceIds.ToArray()); }
        if (f.Statuses is not null) { where.Add(dialect.AnyOf("r.status", "statuses")); args.Add("statuses", f.Statuses.ToArray()); }
        if (f.RequestedFrom is not null) { where.Add("r.requested_at >= @requestedFrom"); args.Add("requestedFrom", f.RequestedFrom); }
        if (f.RequestedTo is not null) { where.Add("r.requested_at <= @requestedTo"); args.Add("requestedTo", f.RequestedTo); }
        string? walkFor = null;
        if (f.Text is not null && dialect.TextQuery(f.Text) is { } text)
        {
            if (await dialect.TextMatchAsync(connection, "text", text) is { } match) { where.Add(match); args.Add("text", text); }
            else walkFor = text;
        }

        string from, order, key;
        var sync = f.UpdatedFrom is not null && f.Order == SearchOrder.Updated;
        if (f.UpdatedFrom is not null)
        {
            // Austin addendum: requests "updated in the provided date range", i.e. with a change inside it.
            // Each such request has exactly one change c that is its first at or after updated_after.
            args.Add("updatedFrom", f.UpdatedFrom);
            args.Add("updatedTo", f.UpdatedTo);
            // changedFrom is updatedFrom, or a sync page's bookmark: the one lower bound the index range starts at.
            const string firstChange = "c.changed_at >= @changedFrom AND c.changed_at <= @updatedTo AND (c.prev_at IS NULL OR c.prev_at < @updatedFrom)";
            if (sync)
            {
                // Sync order: by that first change, which later updates don't move (pages never skip or repeat).
                // The change log's own index orders it; requests are joined only when another filter needs them.
                from = where.Count > 0 ? "request_changes c JOIN requests r ON r.id = c.request_id" : "request_changes c";
                where.Add(firstChange);
                order = "c.changed_at, c.request_id";
                key = "c.request_id AS id, c.changed_at AS at";
            }
            else
            {
                from = "requests r";
                where.Add($"EXISTS (SELECT 1 FROM request_changes c WHERE c.request_id = r.id AND {firstChange})");
                order = "r.requested_at DESC, r.id DESC";
                key = "r.id, r.requested_at AS at";
            }
        }
        else
        {
            from = "requests r";
            // Ties are broken by id so that pages never overlap or skip (CONTRACT §5).
            (order, key) = f.Order == SearchOrder.Updated ? ("r.updated_at, r.id", "r.id, r.updated_at AS at") : ("r.requested_at DESC, r.id DESC", "r.id, r.requested_at AS at");
        }

        // A sync pass reads page after page: where an earlier call left a bookmark at this page's start,
        // the page is read from there instead of counted from the start (see SyncBookmarks).
        var marked = sync && f.Statuses is null && f.Text is null;
        var list = marked ? SyncBookmarks.ListOf(f, serviceIds) : "";
        long offset = f.Offset, limit = f.PerPage + lookAhead;
        var before = false;
        args.Add("changedFrom", f.UpdatedFrom);
        if (marked && bookmarks.Find(list, f.Offset) is { } mark)
        {
            where.Add("(c.changed_at > @afterAt OR c.request_id > @afterId)");
            args.Add("changedFrom", mark.At);
            args.Add("afterAt", mark.At);
            args.Add("afterId", mark.Id);
            offset = 0;
        }
        else if (marked && offset > 0)
        {
            offset--; // the row before the page too: its key is the bookmark of the page's start
            limit++;
            before = true;
        }
        var keySql = $"""
            SELECT {key} FROM {from}
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY {order}
            LIMIT @limit OFFSET @offset
            """;
        List<Key> keys;
        if (walkFor is not null) keys = await WalkAsync(connection, keySql, args, walkFor, offset, limit);
        else
        {
            args.Add("limit", limit);
            args.Add("offset", offset);
            keys = (await connection.QueryAsync<Key>(keySql, args)).AsList();
        }
        if (before && keys.Count > 0)
        {
            bookmarks.Keep(list, f.Offset, keys[0].Id, keys[0].At);
            keys.RemoveAt(0);
        }
        if (marked && keys.Count >= f.PerPage) bookmarks.Keep(list, f.Offset + f.PerPage, keys[f.PerPage - 1].Id, keys[f.PerPage - 1].At);
        if (keys.Count == 0) return [];

        var rows = (await connection.QueryAsync<RequestRow>(
            $"SELECT {RequestRow.Columns}, {RequestRow.FirstPhotoColumn} FROM {RequestRow.From} WHERE {dialect.AnyId("r.id", "page")}",
            new { page = dialect.IdList(keys.Select(k => k.Id)) })).ToDictionary(r => r.Id);
        return keys.Select(k => rows[k.Id]).ToList();
    }

    // A common word (Dialect.TextMatchAsync): the list is read in its order a stretch at a time, and of each
    // stretch the ids the search index finds in its range are kept, until the page is full. A stretch is
    // twice as long as the one before: a common word fills a page from the first.
    internal static int Stretch { get; set; } = 400; // tests shorten it to walk several stretches

    async Task<List<Key>> WalkAsync(DbConnection connection, string keySql, DynamicParameters args, string text, long offset, long limit)
    {
        var found = new List<Key>();
        for (long start = 0, length = Stretch; ; start += length, length *= 2)
        {
            args.Add("limit", length);
            args.Add("offset", start);
            var stretch = (await connection.QueryAsync<Key>(keySql, args)).AsList();
            if (stretch.Count == 0) return found;
            var matches = await db.Dialect.MatchesAmongAsync(connection, text, stretch.Min(k => k.Id), stretch.Max(k => k.Id));
            foreach (var k in stretch.Where(k => matches.Contains(k.Id)))
            {
                if (offset > 0) offset--;
                else if (found.Count < limit) found.Add(k);
                else return found;
            }
            if (found.Count == limit || stretch.Count < length) return found;
        }
    }

    public Task<RequestRow?> FindAsync(string serviceRequestId, CancellationToken ct) =>
        FindWhereAsync("r.service_request_id = @value", serviceRequestId, ct);

    public Task<RequestRow?> FindByTokenAsync(string token, CancellationToken ct) =>
        FindWhereAsync("r.token = @value", token, ct);

    async Task<RequestRow?> FindWhereAsync(string predicate, string value, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RequestRow>(
            $"SELECT {RequestRow.Columns}, {RequestRow.FirstPhotoColumn} FROM {RequestRow.From} WHERE {predicate}", new { value });
    }

    // What extensions=true adds, for a page of requests at once: answers, public notes, public photos.
    // One request is read by its id, a page by the list of its ids.
    public async Task<RequestExtras> ExtrasAsync(IReadOnlyList<RequestRow> rows, bool includePrivate, CancellationToken ct)
    {
        if (rows.Count == 0) return RequestExtras.None;
        var which = rows.Count == 1 ? "request_id = @id" : db.Dialect.AnyId("request_id", "ids");
        var args = new { ids = db.Dialect.IdList(rows.Select(r => r.Id)), id = rows[0].Id, yes = true };
        var visibility = includePrivate ? "" : "AND public = @yes";
        await using var connection = await db.OpenAsync(ct);
        var answers = await connection.QueryAsync<AnswerRow>(
            $"SELECT request_id, code, position, value FROM request_attributes WHERE {which} ORDER BY request_id, code, position", args);
        var notes = await connection.QueryAsync<NoteRow>(
            $"""
            SELECT id, request_id, created_at, type, summary, description, public, api_key_id FROM request_notes
            WHERE {which} {visibility} ORDER BY request_id, created_at, id
            """, args);
        var photos = await connection.QueryAsync<PhotoRow>(
            $"""
            SELECT id, request_id, created_at, title, public, content_type, file_name, byte_size FROM request_photos
            WHERE {which} {visibility} ORDER BY request_id, created_at, id
            """, args);
        return new RequestExtras(
            answers.ToLookup(a => a.RequestId),
            notes.ToLookup(n => n.RequestId),
            photos.ToLookup(p => p.RequestId));
    }

    public static async Task<RequestRow?> FindForUpdateAsync(DbConnection c, DbTransaction t, string serviceRequestId) =>
        await c.QuerySingleOrDefaultAsync<RequestRow>(
            $"SELECT {RequestRow.Columns} FROM {RequestRow.From} WHERE r.service_request_id = @serviceRequestId",
            new { serviceRequestId }, t);
}

sealed class AnswerRow
{
    public long RequestId { get; init; }
    public string Code { get; init; } = "";
    public int Position { get; init; }
    public string Value { get; init; } = "";
}

sealed class NoteRow
{
    public long Id { get; init; }
    public long RequestId { get; init; }
    public long CreatedAt { get; init; }
    public string Type { get; init; } = "activity";
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public bool Public { get; init; }
    public long? ApiKeyId { get; init; }
}

sealed class PhotoRow
{
    public long Id { get; init; }
    public long RequestId { get; init; }
    public long CreatedAt { get; init; }
    public string? Title { get; init; }
    public bool Public { get; init; }
    public string ContentType { get; init; } = "";
    public string FileName { get; init; } = "";
    public long ByteSize { get; init; }
}

sealed record RequestExtras(ILookup<long, AnswerRow> Answers, ILookup<long, NoteRow> Notes, ILookup<long, PhotoRow> Photos)
{
    public static readonly RequestExtras None = new(
        Array.Empty<AnswerRow>().ToLookup(a => a.RequestId),
        Array.Empty<NoteRow>().ToLookup(n => n.RequestId),
        Array.Empty<PhotoRow>().ToLookup(p => p.RequestId));
}
