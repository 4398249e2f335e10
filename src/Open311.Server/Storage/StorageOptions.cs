using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:Storage: which engine keeps the data, and where.
sealed class StorageOptions
{
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Open311:Storage:Engine must be sqlite or postgres.")]
    public string Engine { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=open311.db";

    // Bounded waits: a frozen or unreachable database costs a call at most about these, then a 503 (CONTRACT §9).
    // They replace the connection string's own values (Npgsql's Timeout and Command Timeout, SQLite's Default Timeout,
    // which is also how long a write waits for another process's lock). Bulk loads and the storage copy wait as long as they need.
    [Range(1, 3600)] public int CommandTimeoutSeconds { get; set; } = 5;

    [Range(1, 3600)] public int ConnectTimeoutSeconds { get; set; } = 3;
}
