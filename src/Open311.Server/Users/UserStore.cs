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
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        email = StaffUser.NormalEmail(email);
        var o = options.Value;
        var window = o.LockoutMinutes * 60_000L;
        var now = Now;
        // The hash is checked outside the write: it takes a while on purpose, and writes wait for each other.
        (long Id, string Hash, bool Active, int Failures, long? FailuresSince, long? LockedUntil) row;
        await using (var connection = await db.OpenAsync(ct))
            row = await connection.QuerySingleOrDefaultAsync<(long, string, bool, int, long?, long?)>(
                "SELECT id, password_hash, active, failures, failures_since, locked_until FROM staff_users WHERE email = @email", new { email });
        if (row.Id == 0)
        {
            hasher.HashPassword(null!, password); // the same work as a real check, so timing tells nothing either
            return new SignInResult(SignInOutcome.Wrong, null);
        }
        if (row.LockedUntil > now) return new SignInResult(SignInOutcome.Locked, null);
        var verdict = hasher.VerifyHashedPassword(null!, row.Hash, password);
        if (verdict == PasswordVerificationResult.Failed || !row.Active)
        {
            var fresh = row.FailuresSince is null || row.FailuresSince <= now - window;
            var failures = fresh ? 1 : row.Failures + 1;
            var locked = failures >= o.LockoutFailures;
            await db.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(
                    "UPDATE staff_users SET failures = @failures, failures_since = @since, locked_until = @until WHERE id = @id",
                    new { failures = locked ? 0 : failures, since = locked ? null : fresh ? now : row.FailuresSince,
                        until = locked ? now + window : (long?)null, id = row.Id }, t);
                if (locked) await AuditTrail.WriteAsync(c, t, now, Actor.Anonymous, "user", row.Id.ToString(), "locked", new { failures });
            }, ct);
            return new SignInResult(locked ? SignInOutcome.Locked : SignInOutcome.Wrong, null);
        }
        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(null!, password) : row.Hash;
        var user = await db.WriteAsync((c, t) => c.QuerySingleAsync<StaffUser>(
            $"""
            UPDATE staff_users SET failures = 0, failures_since = NULL, locked_until = NULL, password_hash = @rehash
            WHERE id = @id RETURNING {Columns}
            """, new { rehash, id = row.Id }, t), ct);
        return new SignInResult(SignInOutcome.SignedIn, user);
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
            if (user is not null) await AuditTrail.WriteAsync(c, t, now, actor, "user", id.ToString(), "updated", new { role, active });
            return user;
        }, ct);
    }
}
