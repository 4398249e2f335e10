using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;

namespace Open311;

// A console session as the users page shows it.
sealed class StaffSession
{
    public string Id { get; init; } = "";
    public long UserId { get; init; }
    public long StartedAt { get; init; }
    public long LastSeen { get; init; }
    public long ExpiresAt { get; init; }
    public string? Address { get; init; }
}

// Console sessions kept in the database (issue 26), so they hold across instances and end when asked: sign-out
// deletes the row, an admin deletes all of a user's. A session lasts Open311:Users:SessionMinutes after its last
// page (sliding) and never more than SessionMaxHours after sign-in (absolute). Last-seen is written at most once a
// minute per session, so a page costs one read, not a write.
sealed class SessionStore(Database db, TimeProvider time, IOptions<UserOptions> options)
{
    const long TouchEveryMs = 60_000;

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    long SlidingMs => options.Value.SessionMinutes * 60_000L;

    // A new session for the user; their sessions that have ended meanwhile are cleared away with it.
    public async Task<string> StartAsync(long userId, string? address, CancellationToken ct = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = Now;
        await db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("DELETE FROM staff_sessions WHERE user_id = @userId AND (expires_at <= @now OR last_seen <= @idle)",
                new { userId, now, idle = now - SlidingMs }, t);
            await c.ExecuteAsync(
                """
                INSERT INTO staff_sessions (id, user_id, started_at, last_seen, expires_at, address)
                VALUES (@id, @userId, @now, @now, @expires, @address)
                """, new { id, userId, now, expires = now + options.Value.SessionMaxHours * 3_600_000L, address }, t);
        }, ct);
        return id;
    }

    // Whether the session is the user's and still open; if so, its last-seen moves (at most once a minute).
    public async Task<bool> UseAsync(string id, long userId, CancellationToken ct = default)
    {
        var now = Now;
        long? lastSeen;
        await using (var connection = await db.OpenAsync(ct))
            lastSeen = await connection.ExecuteScalarAsync<long?>(
                "SELECT last_seen FROM staff_sessions WHERE id = @id AND user_id = @userId AND expires_at > @now AND last_seen > @idle",
                new { id, userId, now, idle = now - SlidingMs });
        if (lastSeen is null) return false;
        if (now - lastSeen >= TouchEveryMs)
            await db.WriteAsync((c, t) => c.ExecuteAsync(
                "UPDATE staff_sessions SET last_seen = @now WHERE id = @id AND last_seen <= @before",
                new { now, id, before = now - TouchEveryMs }, t), ct);
        return true;
    }

    public Task EndAsync(string id, CancellationToken ct = default) =>
        db.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM staff_sessions WHERE id = @id", new { id }, t), ct);

    // An admin ends every session of a user (they sign in again); audited. Returns how many were open.
    public async Task<int> EndAllAsync(long userId, Actor actor, CancellationToken ct = default)
    {
        var now = Now;
        return await db.WriteAsync(async (c, t) =>
        {
            var ended = await c.ExecuteAsync("DELETE FROM staff_sessions WHERE user_id = @userId", new { userId }, t);
            await AuditTrail.WriteAsync(c, t, now, actor, "user", userId.ToString(System.Globalization.CultureInfo.InvariantCulture), "sessions ended", new { sessions = ended });
            return ended;
        }, ct);
    }

    // The open sessions of every user, newest first.
    public async Task<IReadOnlyList<StaffSession>> OpenAsync(CancellationToken ct = default)
    {
        var now = Now;
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<StaffSession>(
            """
            SELECT id, user_id, started_at, last_seen, expires_at, address FROM staff_sessions
            WHERE expires_at > @now AND last_seen > @idle ORDER BY started_at DESC, id
            """, new { now, idle = now - SlidingMs })).AsList();
    }
}
