namespace Open311.Tests;

// A fresh database for one test, on the engine of this test run (OPEN311_TEST_ENGINE, set by test.sh).
// SQLite: a new file in the temp folder. PostgreSQL: a database cloned from a migrated template.
// Either is removed afterwards.
sealed class TestDatabase : IDisposable
{
    public string Engine { get; }
    public string ConnectionString { get; }
    readonly Action cleanup;
    readonly Func<Task> breakIt;

    public TestDatabase(string engine, string connectionString, Action cleanup, Func<Task> breakIt)
    {
        Engine = engine;
        ConnectionString = connectionString;
        this.cleanup = cleanup;
        this.breakIt = breakIt;
    }

    public Task BreakAsync() => breakIt();

    // The same database for a second app on it: only the first removes it.
    public TestDatabase Shared() => new(Engine, ConnectionString, () => { }, breakIt);

    // The same database reached another way (through a relay, say), removed as this one is.
    public TestDatabase Through(string connectionString) => new(Engine, connectionString, cleanup, breakIt);

    public static string CurrentEngine => Environment.GetEnvironmentVariable("OPEN311_TEST_ENGINE") is { Length: > 0 } e ? e : "sqlite";

    public static TestDatabase Create() => Create(CurrentEngine);

    public static TestDatabase Create(string engine) => engine switch
    {
        "sqlite" => Sqlite(),
        "postgres" => PostgresTestServer.CloneTemplate(),
        _ => throw new InvalidOperationException($"OPEN311_TEST_ENGINE must be sqlite or postgres, not '{engine}'."),
    };

    static readonly string Folder = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "open311-tests");

    // The schema is migrated once per run into a template file; each test starts from a copy of it, so its
    // app's migration finds every script applied (the PostgreSQL runs clone a template database the same way).
    static readonly Lazy<string> SqliteTemplate = new(() =>
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"template-{Guid.NewGuid():N}.db");
        new SqliteDialect($"Data Source={path}", new TuningOptions()).Migrate(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the last close folds the WAL into the file
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        };
        return path;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    static TestDatabase Sqlite()
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
        File.Copy(SqliteTemplate.Value, path);
        void Delete()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(path + suffix)) File.Delete(path + suffix);
        }
        // A directory where the file was: SQLite can no longer open it.
        return new TestDatabase("sqlite", $"Data Source={path}", () =>
        {
            Delete();
            if (Directory.Exists(path)) Directory.Delete(path);
        }, () =>
        {
            Delete();
            Directory.CreateDirectory(path);
            return Task.CompletedTask;
        });
    }

    public void Dispose() => cleanup();
}
