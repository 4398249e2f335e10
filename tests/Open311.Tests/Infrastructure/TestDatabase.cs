namespace Open311.Tests;

// A fresh database for one test. SQLite: a new file in the temp folder, removed afterwards.
sealed class TestDatabase : IDisposable
{
    public string Engine { get; }
    public string ConnectionString { get; }
    readonly Action cleanup;

    TestDatabase(string engine, string connectionString, Action cleanup)
    {
        Engine = engine;
        ConnectionString = connectionString;
        this.cleanup = cleanup;
    }

    public static string CurrentEngine => Environment.GetEnvironmentVariable("OPEN311_TEST_ENGINE") is { Length: > 0 } e ? e : "sqlite";

    public static TestDatabase Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "open311-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        return new TestDatabase("sqlite", $"Data Source={path}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(path + suffix); } catch (IOException) { }
        });
    }

    public void Dispose() => cleanup();
}
