using System.Collections.Concurrent;
using Dapper;

namespace Open311;

sealed record NewKey(ApiKey Key, string Secret);

// API keys: created, looked up by hash on every call, changed and revoked.
sealed class KeyStore
{
    // Lookups are cached briefly; a change made here clears the cache at once, on every instance
    // when they share a Redis (a message on its "keys" channel), otherwise within Open311:Tuning:KeyCacheSeconds.
    readonly TimeSpan cacheFor;
    readonly ConcurrentDictionary<string, (ApiKey? Key, long Until)> cache = new();
    readonly Database db;
    readonly TimeProvider time;
    readonly RedisLink redis;

    public KeyStore(Database db, TimeProvider time, RedisLink redis, Microsoft.Extensions.Options.IOptions<TuningOptions> tuning)
    {
        cacheFor = TimeSpan.FromSeconds(tuning.Value.KeyCacheSeconds);
        this.db = db;
        this.time = time;
        this.redis = redis;
        if (redis.Configured) _ = ListenAsync();
    }

    async Task ListenAsync()
    {
        try
        {
            await redis.Subscriber.SubscribeAsync(redis.Channel("keys"), (_, _) => cache.Clear());
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            // The client subscribes again when Redis returns; meanwhile entries expire within the cache lifetime.
        }
    }

    const string Columns = "id, name, role, key_prefix, per_minute, created_at, revoked_at";

    public async Task<ApiKey?> FindBySecretAsync(string secret, CancellationToken ct)
    {
        var hash = ApiKeySecrets.Hash(secret);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (cache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Key;
        await using var connection = await db.OpenAsync(ct);
        var key = await connection.QuerySingleOrDefaultAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL", new { hash });
        if (cache.Count > 10_000) cache.Clear();
        cache[hash] = (key, now + (long)cacheFor.TotalMilliseconds);
        return key;
    }

    public void Forget()
    {
        cache.Clear();
        if (!redis.Configured) return;
        try
        {
            redis.Subscriber.Publish(redis.Channel("keys"), "changed", StackExchange.Redis.CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisLink.IsOutage(e))
        {
            // Other instances drop the key within the cache lifetime.
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
        Forget();
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
        Forget();
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
        Forget();
        return revoked;
    }
}
