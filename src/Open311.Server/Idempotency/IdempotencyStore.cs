using Dapper;

namespace Open311;

// The idempotency_keys table (migration 0005): per api key and Idempotency-Key, the fingerprint of the first call's
// body and, once it is done, its answer. Kept 24 hours. The claim is a row of its own, committed before the call's
// work, so that two identical calls at once (in one instance or several) make one: the second sees the claim.
sealed class IdempotencyStore(Database db, TimeProvider time)
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    public sealed class Entry
    {
        public string Fingerprint { get; init; } = "";
        public int? Status { get; init; }
        public string? ContentType { get; init; }
        public byte[]? Body { get; init; }
    }

    // Claimed (this call does the work), or the entry an earlier call with this key left.
    public Task<(bool Claimed, Entry? Earlier)> ClaimAsync(long keyId, string idemKey, string fingerprint, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await c.ExecuteAsync("DELETE FROM idempotency_keys WHERE created_at < @cutoff",
                new { cutoff = now - (long)Kept.TotalMilliseconds }, t);
            var claimed = await c.ExecuteAsync(
                """
                INSERT INTO idempotency_keys (api_key_id, idem_key, fingerprint, created_at) VALUES (@keyId, @idemKey, @fingerprint, @now)
                ON CONFLICT (api_key_id, idem_key) DO NOTHING
                """, new { keyId, idemKey, fingerprint, now }, t) == 1;
            return (claimed, claimed ? null : await FindAsync(c, t, keyId, idemKey));
        }, ct);

    public async Task<Entry?> FindAsync(long keyId, string idemKey, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await FindAsync(connection, null, keyId, idemKey);
    }

    static Task<Entry?> FindAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? t, long keyId, string idemKey) =>
        c.QuerySingleOrDefaultAsync<Entry>(
            "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE api_key_id = @keyId AND idem_key = @idemKey",
            new { keyId, idemKey }, t);

    public Task CompleteAsync(long keyId, string idemKey, int status, string contentType, byte[] body, CancellationToken ct) =>
        db.WriteAsync((c, t) => c.ExecuteAsync(
            "UPDATE idempotency_keys SET status = @status, content_type = @contentType, body = @body WHERE api_key_id = @keyId AND idem_key = @idemKey",
            new { keyId, idemKey, status, contentType, body }, t), ct);

    // The call failed (a fault of ours): a retry with the same key may try again.
    public Task ReleaseAsync(long keyId, string idemKey) =>
        db.WriteAsync((c, t) => c.ExecuteAsync(
            "DELETE FROM idempotency_keys WHERE api_key_id = @keyId AND idem_key = @idemKey AND status IS NULL", new { keyId, idemKey }, t));
}
