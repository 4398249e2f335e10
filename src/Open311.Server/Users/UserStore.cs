using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Open311;

enum SignInOutcome { SignedIn, Wrong, Locked }

sealed record SignInResult(SignInOutcome Outcome, StaffUser? User);

sealed record NewUser(StaffUser User, string OneTimePassword);

// Staff accounts: created (with a one-time password), signed in (with lockout), their password changed or reset,
// their role and state changed. Every change is audited; details never carry the email, the name or a password.
sealed class UserStore(Database db, TimeProvider time, IOptions<UserOptions> options)
{
    readonly PasswordHasher<StaffUser> hasher = new();

    const string Columns = "id, email, name, role, active, must_change, stamp, locked_until, created_at";

    long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    static string NewStamp() => Guid.NewGuid().ToString("N");

    // password: the one-time password to give (read from standard input by the admin command), or null for a new one.
    public async Task<NewUser?> CreateAsync(string email, string name, string role, string? password, Actor actor, CancellationToken ct = default)
    {
        email = StaffUser.NormalEmail(email);
        var secret = password ?? OneTimePasswords.Generate();
        var hash = hasher.HashPassword(null!, secret);
        var now = Now;
        var user = await db.WriteAsync(async (c, t) =>
        {
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM staff_users WHERE email = @email", new { email }, t) is not null) return null;
            var created = await c.QuerySingleAsync<StaffUser>(
                $"""
                INSERT INTO staff_users (email, name, role, active, password_hash, must_change, stamp, failures, created_at, updated_at)
                VALUES (@email, @name, @role, @yes, @hash, @yes, @stamp, 0, @now, @now)
                RETURNING {Columns}
                """, new { email, name = name.Trim(), role, yes = true, hash, stamp = NewStamp(), now }, t);
            await AuditTrail.WriteAsync(c, t, now, actor, "user", created.Id.ToString(), "created", new { role });
            return created;
        }, ct);
        return user is null ? null : new NewUser(user, secret);
    }

    public async Task<StaffUser?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StaffUser>($"SELECT {Columns} FROM staff_users WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<StaffUser>($"SELECT {Columns} FROM staff_users ORDER BY name, id")).AsList();
    }

    // A wrong password counts against the account; LockoutFailures of them within LockoutMinutes lock it for
    // LockoutMinutes, and while it is locked even the right password is refused. An unknown or disabled account
    // answers Wrong, as a wrong password does, so the form tells nobody which emails exist.
    // Concurrent attempts (issue 26): a failure is counted by one UPDATE that reads and writes the row at once, and
    // the answer is decided from what it returns, so a burst gets no more guesses than one attempt after another;
    // a success is written only while no lock is in force, so a right password can't lift a lock set meanwhile.
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        email = StaffUser.NormalEmail(email);
        var o = options.Value;
        var window = o.LockoutMinutes * 60_000L;
        var now = Now;
        // The hash is checked outside the write: it takes a while on purpose, and writes wait for each other.
        (long Id, string Hash, bool Active) row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<(long, string, bool)>(
                "SELECT id, password_hash, active FROM staff_users WHERE email = @email", new { email });
        if (row.Id == 0)
        {
            hasher.HashPassword(null!, password); // the same work as a real check, so timing tells nothing either
            return new SignInResult(SignInOutcome.Wrong, null);
        }
        // Checked even while locked: the same work and the same answer whichever it is.
        var verdict = hasher.VerifyHashedPassword(null!, row.Hash, password);
        if (verdict == PasswordVerificationResult.Failed || !row.Active)
        {
            // While a lock is in force failures go on counting (past the limit) and the lock stays as it is; a count
            // older than the window (which a lock that has ended always is) starts again at 1.
            var (failures, lockedUntil) = await db.WriteAsync(async (c, t) =>
            {
                var counted = await c.QuerySingleAsync<(int Failures, long? LockedUntil)>(
                    """
                    UPDATE staff_users SET
                        failures = CASE WHEN locked_until > @now THEN failures + 1
                            WHEN failures_since IS NULL OR failures_since <= @stale THEN 1 ELSE failures + 1 END,
                        failures_since = CASE WHEN locked_until > @now THEN failures_since
                            WHEN failures_since IS NULL OR failures_since <= @stale THEN @now ELSE failures_since END,
                        locked_until = CASE WHEN locked_until > @now THEN locked_until
                            WHEN (CASE WHEN failures_since IS NULL OR failures_since <= @stale THEN 1 ELSE failures + 1 END) >= @limit
                                THEN @until ELSE NULL END
                    WHERE id = @id
                    RETURNING failures, locked_until
                    """, new { now, stale = now - window, limit = o.LockoutFailures, until = now + window, id = row.Id }, t);
                // Only the attempt that brought the count to the limit set the lock: the ones after it count past it.
                if (counted.LockedUntil > now && counted.Failures == o.LockoutFailures)
                    await AuditTrail.WriteAsync(c, t, now, Actor.Anonymous, "user", row.Id.ToString(), "locked", new { failures = counted.Failures });
                return counted;
            }, ct);
            return new SignInResult(lockedUntil > now ? SignInOutcome.Locked : SignInOutcome.Wrong, null);
        }
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(null!, password) : row.Hash;
        var user = await db.WriteAsync((c, t) => c.QuerySingleOrDefaultAsync<StaffUser>(
            $"""
            UPDATE staff_users SET failures = 0, failures_since = NULL, locked_until = NULL, password_hash = @rehash
            WHERE id = @id AND active = @yes AND (locked_until IS NULL OR locked_until <= @now) RETURNING {Columns}
            """, new { rehash, id = row.Id, yes = true, now }, t), ct);
        return user is null ? new SignInResult(SignInOutcome.Locked, null) : new SignInResult(SignInOutcome.SignedIn, user);
    }

    // The user's own change: the current password (or the one-time one) and a new one. Returns the problem, if any.
    public async Task<(StaffUser? User, string? Problem)> ChangePasswordAsync(long id, string current, string next, CancellationToken ct = default)
    {
        if (PasswordProblem(next) is { } problem) return (null, problem);
        if (current == next) return (null, "PasswordSame");
        string? hash;
        await using (var connection = await db.OpenAsync(ct))
            hash = await connection.ExecuteScalarAsync<string?>("SELECT password_hash FROM staff_users WHERE id = @id AND active = @yes", new { id, yes = true });
        if (hash is null || hasher.VerifyHashedPassword(null!, hash, current) == PasswordVerificationResult.Failed) return (null, "PasswordCurrentWrong");
        var newHash = hasher.HashPassword(null!, next);
        var now = Now;
        var user = await db.WriteAsync(async (c, t) =>
        {
            var changed = await c.QuerySingleAsync<StaffUser>(
                $"""
                UPDATE staff_users SET password_hash = @newHash, must_change = @no, stamp = @stamp, updated_at = @now
                WHERE id = @id RETURNING {Columns}
                """, new { newHash, no = false, stamp = NewStamp(), now, id }, t);
            await EndSessionsAsync(c, t, id);
            await AuditTrail.WriteAsync(c, t, now, changed.Actor, "user", id.ToString(), "password changed");
            return changed;
        }, ct);
        return (user, null);
    }

    // The name of the rule a new password breaks (a Text resource), or null.
    public string? PasswordProblem(string password) => password.Length < options.Value.MinPasswordLength ? "PasswordTooShort" : null;

    // An admin's reset: a new one-time password, to be changed at the next sign-in; the lockout is lifted.
    public async Task<string?> ResetPasswordAsync(long id, Actor actor, CancellationToken ct = default)
    {
        var secret = OneTimePasswords.Generate();
        var hash = hasher.HashPassword(null!, secret);
        var now = Now;
        var done = await db.WriteAsync(async (c, t) =>
        {
            var rows = await c.ExecuteAsync(
                """
                UPDATE staff_users SET password_hash = @hash, must_change = @yes, stamp = @stamp, failures = 0, failures_since = NULL,
                    locked_until = NULL, updated_at = @now WHERE id = @id
                """, new { hash, yes = true, stamp = NewStamp(), now, id }, t);
            if (rows > 0) await EndSessionsAsync(c, t, id);
            if (rows > 0) await AuditTrail.WriteAsync(c, t, now, actor, "user", id.ToString(), "password reset");
            return rows > 0;
        }, ct);
        return done ? secret : null;
    }

    // An admin changes a role or disables/enables an account; either ends the user's current sessions.
    public async Task<StaffUser?> UpdateAsync(long id, string? role, bool? active, Actor actor, CancellationToken ct = default)
    {
        var now = Now;
        return await db.WriteAsync(async (c, t) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<StaffUser>(
                $"""
                UPDATE staff_users SET role = coalesce(@role, role), active = coalesce(@active, active), stamp = @stamp, updated_at = @now
                WHERE id = @id RETURNING {Columns}
                """, new { role, active, stamp = NewStamp(), now, id }, t);
            if (user is not null) await EndSessionsAsync(c, t, id);
            if (user is not null) await AuditTrail.WriteAsync(c, t, now, actor, "user", id.ToString(), "updated", new { role, active });
            return user;
        }, ct);
    }

    // A new stamp ends the user's sessions (ConsoleUser checks it); their rows go with it, so none is listed as open.
    static Task EndSessionsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction t, long id) =>
        c.ExecuteAsync("DELETE FROM staff_sessions WHERE user_id = @id", new { id }, t);
}
