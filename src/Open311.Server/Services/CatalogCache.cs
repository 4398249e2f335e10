using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;

namespace Open311;

// The catalog changes rarely and is read on every public call that names a service, so it is kept in
// memory per catalog version: the snapshot itself, and each public answer made from it (the service list,
// each definition, discovery) as bytes with its ETag. A change made through this instance is seen at once:
// for a few seconds after one, the version is read on every call. A change made by another instance on the
// same database is seen within Open311:Tuning:CatalogRecheckMs.
sealed class CatalogCache(Database db, CatalogReader reader, IOptions<TuningOptions> tuning)
{
    sealed record Entry(WireFormat Format, byte[] Body, string ETag);

    sealed record Current(string Version, Task<CatalogSnapshot> Snapshot);

    readonly ConcurrentDictionary<string, Entry> entries = new();
    Current? current;
    long checkedAt = long.MinValue / 2;
    long changedAt = long.MinValue / 2;

    // CatalogStore calls this with every save or delete, before its transaction commits.
    public void Changed() => Interlocked.Exchange(ref changedAt, Environment.TickCount64);

    // The answer for `key` (the caller's format, path and options), made by `make` from the snapshot when
    // not kept yet. Errors and JSONP answers are not kept.
    public async Task<IResult> GetAsync(HttpContext http, string key, Func<CatalogSnapshot, IResult> make, CancellationToken ct)
    {
        var (version, snapshot) = await CurrentAsync(ct);
        if (http.Request.Query.ContainsKey("callback")) return make(await snapshot);
        var versioned = $"{version}|{key}";
        if (!entries.TryGetValue(versioned, out var entry))
        {
            var result = make(await snapshot);
            if (result is not WireResult { StatusCode: StatusCodes.Status200OK } made) return result;
            var body = Wire.Serialize(made.Format, made.Root, made.Payload);
            entry = entries.GetOrAdd(versioned, new Entry(made.Format, body, EntityTags.Of(body)));
        }
        return new Kept(entry);
    }

    public async Task<CatalogSnapshot> SnapshotAsync(CancellationToken ct) => await (await CurrentAsync(ct)).Snapshot;

    // A service with its attribute definitions: creating a request and listing requests check answers against it.
    public async Task<ServiceEntry?> ServiceAsync(string? code, CancellationToken ct) => (await SnapshotAsync(ct)).Find(code);

    async ValueTask<Current> CurrentAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var kept = Volatile.Read(ref current);
        var o = tuning.Value;
        if (kept is not null && now - Volatile.Read(ref checkedAt) < o.CatalogRecheckMs && now - Volatile.Read(ref changedAt) > o.CatalogAfterChangeMs)
            return kept;
        string read;
        await using (var connection = await db.OpenAsync(ct))
            read = await connection.QuerySingleAsync<string>(
                "SELECT coalesce(max(CASE WHEN name = 'catalog_version' THEN value END), '') || '/' || coalesce(max(CASE WHEN name = 'catalog_changed_at' THEN value END), '') FROM settings");
        if (kept is null || kept.Version != read)
        {
            entries.Clear(); // a version's entries are never read again
            // One read of the new version, shared by the calls that come meanwhile; a failed read is tried again.
            kept = new Current(read, reader.ReadAsync(CancellationToken.None));
            Volatile.Write(ref current, kept);
            try
            {
                await kept.Snapshot;
            }
            catch
            {
                Interlocked.CompareExchange(ref current, null, kept);
                throw;
            }
        }
        Volatile.Write(ref checkedAt, now);
        return kept;
    }

    sealed class Kept(Entry entry) : IResult
    {
        public Task ExecuteAsync(HttpContext context) =>
            Wire.WriteBytesAsync(context, entry.Format, entry.Body, StatusCodes.Status200OK, entry.ETag);
    }
}
