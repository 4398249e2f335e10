using System.Security.Cryptography;
using System.Text;

namespace Open311;

static class Roles
{
    public const string Client = "client";
    public const string Staff = "staff";
    public const string Admin = "admin";

    public static readonly string[] All = [Client, Staff, Admin];

    public static bool IsStaff(string role) => role is Staff or Admin;
}

// A key as the server knows it: never the secret, only its hash.
sealed class ApiKey
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = Roles.Client;
    public string KeyPrefix { get; init; } = "";
    public int? PerMinute { get; init; }
    public long CreatedAt { get; init; }
    public long? RevokedAt { get; init; }

    public bool IsStaff => Roles.IsStaff(Role);
    public Actor Actor => new(Id, Name);
}

static class ApiKeySecrets
{
    const string Prefix = "o311_";

    // 256 random bits, URL-safe, recognisable by its prefix in a leaked-secret scan.
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    // Keys are random and long, so one SHA-256 is enough; a password hash would only slow every call.
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // What staff see of a key in listings: enough to tell keys apart, useless to an attacker.
    public static string Display(string key) => key[..Math.Min(key.Length, Prefix.Length + 6)];

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
