using System.Collections.Concurrent;
using Dapper;

namespace Open311;

sealed record NewKey(ApiKey Key, string Secret);

// API keys: created, looked up by hash on every call, changed and revoked.
//
// A revoked key is refused, and a changed limit applies, on the very next call of every instance (README,
// "API keys"). Without Redis nothing is cached: each keyed call reads its key row, one query on the unique
// key_hash index (a fraction of a millisecond beside the call itself), so a change made by any writer on the
// same store (`keys` in another process, /api/v1/keys, the console, another instance) is seen at once, on
// SQLite and PostgreSQL alike, with no channel to keep. With Redis, lookups are kept for
// Open311:Tuning:KeyCacheSeconds, and every writer, the admin command included, announces its change on the
// "keys" channel before it returns; every instance clears its cache on the message (well under a second).
// The cache is only used while this instance is subscribed: while Redis is unreachable, or before the
// subscription is confirmed, each call reads the row, and the cache is emptied whenever the connection
// drops or returns, so a message missed in an outage never leaves a stale key behind.
sealed class KeyStore
{
    readonly TimeSpan cacheFor;
    readonly ConcurrentDictionary<string, (ApiKey? Key, long Until)> cache = new();
    readonly Database db;
    readonly TimeProvider time;
    readonly RedisLink redis;
    volatile bool subscribed;
    long generation; // bumped on every clear: a lookup read before a clear is not kept after it

    public KeyStore(Database db, TimeProvider time, RedisLink redis, Microsoft.Extensions.Options.IOptions<TuningOptions> tuning)
    {
        cacheFor = TimeSpan.FromSeconds(tuning.Value.KeyCacheSeconds);
        this.db = db;
        this.time = time;
        this.redis = redis;
        if (redis.Configured && cacheFor > TimeSpan.Zero) _ = ListenAsync();
    }

    async Task ListenAsync()
    {
        try
        {
            redis.OnConnectionChange(Clear);
            await redis.Subscriber.SubscribeAsync(redis.Channel("keys"), (_, _) => Clear());
            subscribed = true;
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            // Never subscribed: every lookup reads its row.
        }
    }

    void Clear()
    {
        Interlocked.Increment(ref generation);
        cache.Clear();
    }

    bool Caching => subscribed && redis.Connected;

    const string Columns = "id, name, role, key_prefix, per_minute, created_at, revoked_at";

    public async Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken ct)
    {
        var hash = ApiKeySecrets.Hash(secret);
        var caching = Caching;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (caching && cache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Key;
        var before = Interlocked.Read(ref generation);
        await using var connection = await db.OpenAsync(ct);
        var key = await connection.QuerySingleOrDefaultAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash });
        if (!caching) return key;
        if (cache.Count > 10_000) Clear();
        if (Interlocked.Read(ref generation) == before) cache[hash] = (key, now + (long)cacheFor.TotalMilliseconds);
        return key;
    }

    // After a change: this instance forgets at once; the others when the message arrives. Awaited, so a
    // command that exits right after its change has announced it.
    async Task ForgetAsync()
    {
        Clear();
        if (!redis.Configured) return;
        try
        {
            await redis.Subscriber.PublishAsync(redis.Channel("keys"), "changed");
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            // Redis is down: an instance that cannot hear it does not cache (Caching); one that still can keeps a
            // lookup at most KeyCacheSeconds.
        }
    }

    public async Task<NewKey> CreateAsync(string name, string role, int? perMinute, Actor actor, CancellationToken ct = default)
    {
        var secret = ApiKeySecrets.Generate();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = await db.WriteAsync(async (c, t) =>
        {
            var created = await c.QuerySingleAsync<ApiKey>(
                $"""
                INSERT INTO api_keys (name, role, key_hash, key_prefix, per_minute, created_at)
                VALUES (@name, @role, @hash, @prefix, @perMinute, @now)
                RETURNING {Columns}
                """,
                new { name, role, hash = ApiKeySecrets.Hash(secret), prefix = ApiKeySecrets.Display(secret), perMinute, now }, t);
            await AuditTrail.WriteAsync(c, t, now, actor, "key", created.Id.ToString(), "created", new { name, role, per_minute = perMinute });
            return created;
        }, ct);
        await ForgetAsync();
        return new NewKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ApiKey>($"SELECT {Columns} FROM api_keys ORDER BY id")).AsList();
    }

    public async Task<ApiKey?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ApiKey>($"SELECT {Columns} FROM api_keys WHERE id = @id", new { id });
    }

    // Changes name, role or limit; null leaves a field as it is. clearLimit puts the key back on the default limit.
    public async Task<ApiKey?> UpdateAsync(long id, string? name, string? role, int? perMinute, bool clearLimit, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = await db.WriteAsync(async (c, t) =>
        {
            var updated = await c.QuerySingleOrDefaultAsync<ApiKey>(
                $"""
                UPDATE api_keys SET name = coalesce(@name, name), role = coalesce(@role, role),
                    per_minute = CASE WHEN @clearLimit THEN NULL ELSE coalesce(@perMinute, per_minute) END
                WHERE id = @id AND revoked_at IS NULL
                RETURNING {Columns}
                """, new { id, name, role, perMinute, clearLimit }, t);
            if (updated is not null)
                await AuditTrail.WriteAsync(c, t, now, actor, "key", id.ToString(), "updated",
                    new { name, role, per_minute = clearLimit ? "default" : perMinute?.ToString() });
            return updated;
        }, ct);
        await ForgetAsync();
        return key;
    }

    public async Task<bool> RevokeAsync(long id, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var revoked = await db.WriteAsync(async (c, t) =>
        {
            var rows = await c.ExecuteAsync("UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", new { id, now }, t);
            if (rows > 0) await AuditTrail.WriteAsync(c, t, now, actor, "key", id.ToString(), "revoked");
            return rows > 0;
        }, ct);
        await ForgetAsync();
        return revoked;
    }
}
