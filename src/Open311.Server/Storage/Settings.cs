using System.Data.Common;
using Dapper;

namespace Open311;

// Small named values the server keeps about itself (catalog changeset, demo catalog loaded).
static class Settings
{
    public static Task<string?> GetAsync(DbConnection c, string name, DbTransaction? t = null) =>
        c.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE name = @name", new { name }, t);

    public static Task SetAsync(DbConnection c, DbTransaction t, string name, string value) =>
        c.ExecuteAsync(
            "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value }, t);
}
