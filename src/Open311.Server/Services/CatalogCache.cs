using System.Collections.Concurrent;
using Dapper;

namespace Open311;

// The catalog's public answers (the service list, each definition, discovery) change only when the
// catalog does, so each is made once per catalog version and kept as bytes with its ETag. A change made
// through this instance is seen at once: for a few seconds after one, the version is read on every call.
// A change made by another instance on the same database is seen within a second.
sealed class CatalogCache(Database db, ServiceQueries services)
{
    const long RecheckMs = 1_000, AfterLocalChangeMs = 5_000;

    sealed record Entry(WireFormat Format, byte[] Body, string ETag);

    readonly ConcurrentDictionary<string, Entry> entries = new();
    readonly ConcurrentDictionary<string, ServiceEntry> definitions = new();
    string version = "";
    long checkedAt = long.MinValue / 2;
    long changedAt = long.MinValue / 2;

    // CatalogStore calls this with every save or delete, before its transaction commits.
    public void Changed() => Interlocked.Exchange(ref changedAt, Environment.TickCount64);

    // The answer for `key` (the caller's format, path and options), made by `make` when not kept yet.
    // Errors and JSONP answers are not kept.
    public async Task<IResult> GetAsync(HttpContext http, string key, Func<Task<IResult>> make, CancellationToken ct)
    {
        if (http.Request.Query.ContainsKey("callback")) return await make();
        var current = await VersionAsync(ct);
        var versioned = $"{current}|{key}";
        if (!entries.TryGetValue(versioned, out var entry))
        {
            var result = await make();
            if (result is not WireResult { StatusCode: StatusCodes.Status200OK } made) return result;
            var body = Wire.Serialize(made.Format, made.Root, made.Payload);
            entry = entries.GetOrAdd(versioned, new Entry(made.Format, body, EntityTags.Of(body)));
        }
        return new Kept(entry);
    }

    // A service with its attribute definitions, as ServiceQueries.FindAsync reads it, kept the same way:
    // creating a request and listing requests with extensions check answers against it.
    public async Task<ServiceEntry?> ServiceAsync(string code, CancellationToken ct)
    {
        var versioned = $"{await VersionAsync(ct)}|{code}";
        if (definitions.TryGetValue(versioned, out var kept)) return kept;
        if (await services.FindAsync(code, ct) is not { } entry) return null;
        return definitions.GetOrAdd(versioned, entry);
    }

    async ValueTask<string> VersionAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref checkedAt) < RecheckMs && now - Volatile.Read(ref changedAt) > AfterLocalChangeMs) return version;
        await using var connection = await db.OpenAsync(ct);
        var read = await connection.QuerySingleAsync<string>(
            "SELECT coalesce(max(CASE WHEN name = 'catalog_version' THEN value END), '') || '/' || coalesce(max(CASE WHEN name = 'catalog_changed_at' THEN value END), '') FROM settings");
        if (read != version)
        {
            entries.Clear(); // a version's entries are never read again
            definitions.Clear();
            version = read;
        }
        Volatile.Write(ref checkedAt, now);
        return read;
    }

    sealed class Kept(Entry entry) : IResult
    {
        public Task ExecuteAsync(HttpContext context) =>
            Wire.WriteBytesAsync(context, entry.Format, entry.Body, StatusCodes.Status200OK, entry.ETag);
    }
}
