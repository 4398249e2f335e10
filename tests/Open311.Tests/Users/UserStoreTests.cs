using Dapper;

namespace Open311.Tests;

// Staff accounts on the run's engine: passwords hashed (never stored as sent), lockout counted in its window,
// a reset lifting it, every change moving the stamp and audited without the email or the name.
public class UserStoreTests
{
    [Fact]
    public async Task WrongPasswordsLockOnlyWhenFiveFallInsideFifteenMinutes()
    {
        await using var app = new Open311App();
        var users = app.Get<UserStore>();
        var created = (await users.CreateAsync(" Sam@Example.GOV ", "Sam Reyes", "staff", null, Actor.Command))!;
        Assert.Equal("sam@example.gov", created.User.Email);
        Assert.True(created.User.MustChange);

        // Four wrong, then the window passes: the count starts again, so four more don't lock either.
        for (var i = 0; i < 4; i++) Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("sam@example.gov", "nope")).Outcome);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        for (var i = 0; i < 4; i++) Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("sam@example.gov", "nope")).Outcome);
        Assert.Equal(SignInOutcome.SignedIn, (await users.SignInAsync("SAM@example.gov", created.OneTimePassword)).Outcome);
        // A success clears the count: five more are needed to lock.
        for (var i = 0; i < 4; i++) Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("sam@example.gov", "nope")).Outcome);
        Assert.Equal(SignInOutcome.Locked, (await users.SignInAsync("sam@example.gov", "nope")).Outcome);
        Assert.Equal(SignInOutcome.Locked, (await users.SignInAsync("sam@example.gov", created.OneTimePassword)).Outcome);

        // An admin's reset lifts the lockout with a new one-time password; the old one is gone.
        var before = (await users.FindAsync(created.User.Id))!.Stamp;
        var fresh = (await users.ResetPasswordAsync(created.User.Id, Actor.Command))!;
        Assert.NotEqual(before, (await users.FindAsync(created.User.Id))!.Stamp);
        Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("sam@example.gov", created.OneTimePassword)).Outcome);
        var signed = await users.SignInAsync("sam@example.gov", fresh);
        Assert.Equal(SignInOutcome.SignedIn, signed.Outcome);
        Assert.True(signed.User!.MustChange);

        // Unknown and disabled accounts read as a wrong password.
        Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("nobody@example.gov", fresh)).Outcome);
        await users.UpdateAsync(created.User.Id, null, false, Actor.Command);
        Assert.Equal(SignInOutcome.Wrong, (await users.SignInAsync("sam@example.gov", fresh)).Outcome);
    }

    [Fact]
    public async Task PasswordsAreHashedAndChangesAuditedWithoutPersonalFields()
    {
        await using var app = new Open311App();
        var users = app.Get<UserStore>();
        var created = (await users.CreateAsync("dana@example.gov", "Dana Whitfield", "admin", "a one-time password", Actor.Command))!;
        Assert.Equal("PasswordTooShort", (await users.ChangePasswordAsync(created.User.Id, "a one-time password", "short")).Problem);
        Assert.Equal("PasswordCurrentWrong", (await users.ChangePasswordAsync(created.User.Id, "not it at all", "a long new password")).Problem);
        var (changed, problem) = await users.ChangePasswordAsync(created.User.Id, "a one-time password", "a long new password");
        Assert.Null(problem);
        Assert.False(changed!.MustChange);
        Assert.NotEqual(created.User.Stamp, changed.Stamp);

        var db = app.Get<Database>();
        await using var c = await db.OpenAsync(default);
        var hash = await c.ExecuteScalarAsync<string>("SELECT password_hash FROM staff_users WHERE id = @id", new { id = created.User.Id });
        Assert.DoesNotContain("a long new password", hash);
        Assert.StartsWith("AQAAAA", hash); // Identity's V3 format: PBKDF2 with a salt
        var audit = (await c.QueryAsync<(string Action, string? Detail, string? KeyName, long? UserId)>(
            "SELECT action, detail, key_name, user_id FROM audit_log WHERE entity = 'user' ORDER BY id")).ToList();
        Assert.Equal(["created", "password changed"], audit.Select(a => a.Action));
        Assert.Equal(("Dana Whitfield", created.User.Id), (audit[1].KeyName, audit[1].UserId));
        Assert.All(audit, a => Assert.DoesNotContain("dana@example.gov", a.Detail ?? ""));
    }
}
