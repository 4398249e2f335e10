using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Open311;

// A person who works the console: staff work requests, admins also keep keys, users and the catalog.
// Never the password, only its hash (and that only inside UserStore).
sealed class StaffUser
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = Roles.Staff;
    public bool Active { get; init; } = true;
    public bool MustChange { get; init; }
    public string Stamp { get; init; } = "";
    public long? LockedUntil { get; init; }
    public long CreatedAt { get; init; }

    public bool IsAdmin => Role == Roles.Admin;

    // What the audit trail records for this user's changes: their id and their name as it is now.
    public Actor Actor => new(null, Name, Id);

    public static readonly string[] RolesAllowed = [Roles.Staff, Roles.Admin];

    public static string NormalEmail(string email) => email.Trim().ToLowerInvariant();
}

// Open311:Users (environment: Open311__Users__LockoutFailures, ...).
sealed class UserOptions
{
    // Wrong passwords within LockoutMinutes that lock an account, for LockoutMinutes.
    [Range(1, 1000)] public int LockoutFailures { get; set; } = 5;
    [Range(1, 24 * 60)] public int LockoutMinutes { get; set; } = 15;

    [Range(8, 200)] public int MinPasswordLength { get; set; } = 12;

    // Sign-in attempts one client address, and one account (the email as typed), may make in a clock window of
    // SignInWindowMinutes, on top of the lockout; past either the sign-in page answers 429 (SignInThrottle).
    [Range(1, 100_000)] public int SignInsPerAddress { get; set; } = 30;
    [Range(1, 100_000)] public int SignInsPerAccount { get; set; } = 10;
    [Range(1, 24 * 60)] public int SignInWindowMinutes { get; set; } = 15;

    // A console session ends after this long without a page (sliding).
    [Range(5, 7 * 24 * 60)] public int SessionMinutes { get; set; } = 8 * 60;

    // ... and this long after its sign-in however often it is used (absolute).
    [Range(1, 30 * 24)] public int SessionMaxHours { get; set; } = 12;
}

static class OneTimePasswords
{
    // 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits, easy to read out.
    const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
