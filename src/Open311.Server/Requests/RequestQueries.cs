using System.Data.Common;
using Dapper;

namespace Open311;

// Reads requests for the public API: search, one by id, one by token.
sealed class RequestQueries(Database db, SyncBookmarks bookmarks, Microsoft.Extensions.Options.IOptions<TuningOptions> tuning)
{
    // Reads one page and, with lookAhead, that many rows more to tell whether another page follows.
    // Two steps (a deferred join): the page's ids from the narrowest index that orders them, where the rows
    // of earlier pages are skipped, then the page's rows by id.
    public async Task<IReadOnlyList<RequestRow>> SearchAsync(RequestFilter f, IReadOnlyCollection<long>? serviceIds, int lookAhead, CancellationToken ct)
    {
        var dialect = db.Dialect;
        var text = f.Text is null ? null : dialect.TextQuery(f.Text);
        await using var connection = await db.OpenAsync(ct);
        var query = SearchKeys.For(f, serviceIds, text is not null, dialect, await ThroughPlaceIndexAsync(connection, f));
        var keys = await PageKeysAsync(connection, query, f, serviceIds, text, lookAhead);
        if (keys.Count == 0) return [];
        var rows = (await connection.QueryAsync<RequestRow>(
            $"SELECT {RequestRow.Columns}, {RequestRow.FirstPhotoColumn} FROM {RequestRow.From} WHERE {dialect.AnyId("r.id", "page")}",
            new { page = dialect.IdList(keys.Select(k => k.Id)) })).ToDictionary(r => r.Id);
        return keys.Select(k => rows[k.Id]).ToList();
    }

    // A place with few requests in it (of any time, service or status) is read through the spatial index, and its
    // rows sorted; one with many is found by walking the list in its order, keeping the rows inside, which fills a
    // page soon. Nearest first needs every row inside anyway.
    async Task<bool> ThroughPlaceIndexAsync(DbConnection connection, RequestFilter f)
    {
        if (!f.HasPlace || f.PlaceBox is not { } box) return false;
        if (f.Order == SearchOrder.Distance) return true;
        var args = new DynamicParameters();
        SearchKeys.Box(args, box);
        var few = tuning.Value.PlaceFewMatches;
        return await db.Dialect.CountPlacesAsync(connection, args, few) < few;
    }

    // A sync pass reads page after page: where an earlier call left a bookmark at this page's start, the
    // page is read from there instead of counted from the start (see SyncBookmarks).
    async Task<List<SearchKey>> PageKeysAsync(DbConnection connection, KeyQuery query, RequestFilter f, IReadOnlyCollection<long>? serviceIds,
        string? text, int lookAhead)
    {
        long offset = f.Offset, limit = f.PerPage + lookAhead;
        var marked = f.IsBookmarked;
        if (!marked) return await db.Dialect.SearchKeysAsync(connection, query, text, offset, limit);

        var list = SyncBookmarks.ListOf(f, serviceIds);
        var before = false;
        if (bookmarks.Find(list, f.Offset) is { } mark)
        {
            query = query.And("(c.changed_at > @afterAt OR c.request_id > @afterId)", "afterAt", mark.At);
            query.Args.Add("changedFrom", mark.At);
            query.Args.Add("afterId", mark.Id);
            offset = 0;
        }
        else if (offset > 0)
        {
            offset--; // the row before the page too: its key is the bookmark of the page's start
            limit++;
            before = true;
        }
        var keys = await db.Dialect.SearchKeysAsync(connection, query, text, offset, limit);
        if (before && keys.Count > 0)
        {
            bookmarks.Keep(list, f.Offset, keys[0].Id, keys[0].At);
            keys.RemoveAt(0);
        }
        if (keys.Count >= f.PerPage) bookmarks.Keep(list, f.Offset + f.PerPage, keys[f.PerPage - 1].Id, keys[f.PerPage - 1].At);
        return keys;
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
        // One command, three results: one round trip to PostgreSQL instead of three.
        await using var connection = await db.OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(
            $"""
            SELECT request_id, code, position, value FROM request_attributes WHERE {which} ORDER BY request_id, code, position;
            SELECT {NoteRow.Columns} FROM request_notes WHERE {which} {visibility} ORDER BY request_id, created_at, id;
            SELECT {PhotoRow.Table.AllColumns()} FROM request_photos WHERE {which} {visibility} ORDER BY request_id, created_at, id
            """, args);
        var answers = await results.ReadAsync<AnswerRow>();
        var notes = await results.ReadAsync<NoteRow>();
        var photos = await results.ReadAsync<PhotoRow>();
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

sealed record RequestExtras(ILookup<long, AnswerRow> Answers, ILookup<long, NoteRow> Notes, ILookup<long, PhotoRow> Photos)
{
    public static readonly RequestExtras None = new(
        Array.Empty<AnswerRow>().ToLookup(a => a.RequestId),
        Array.Empty<NoteRow>().ToLookup(n => n.RequestId),
        Array.Empty<PhotoRow>().ToLookup(p => p.RequestId));
}
