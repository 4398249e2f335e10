using System.Diagnostics;

namespace Open311.Bench.Load;

// The seeded store the server runs on. Seeding a million requests takes a minute or two, so the seeded
// store is kept in bench/.cache and each run starts from a copy of it (a run creates requests).
abstract class Store(Options options)
{
    // What the seed makes, in the cache's names: a store seeded before requests lay along streets is not reused.
    protected const string SeedLayout = "streets";

    protected Options Options => options;
    protected TimeSpan? SeedTime { get; set; }

    public static Store For(Options options) => options.Engine == "postgres" ? new PostgresStore(options) : new SqliteStore(options);

    // The connection string of this run's copy of the seeded store.
    public abstract Task<string> PrepareAsync();

    public string Describe() => SeedTime is { } t
        ? $"seeded for this run: `seed --requests {options.Requests} --seed {options.Seed}` took {t.TotalSeconds:0} s"
        : $"seeded earlier with `seed --requests {options.Requests} --seed {options.Seed}` (cached in bench/.cache), copied for this run";

    protected async Task SeedAsync(string connectionString)
    {
        Console.Error.WriteLine($"bench: seeding {options.Requests:N0} requests");
        var clock = Stopwatch.StartNew();
        await Executable.RunAsync(options, connectionString, "seed", "--requests", options.Requests.ToString(), "--seed", options.Seed.ToString());
        SeedTime = clock.Elapsed;
    }
}

sealed class SqliteStore(Options options) : Store(options)
{
    public override async Task<string> PrepareAsync()
    {
        var cached = Path.Combine(Options.CacheFolder, $"sqlite-{Options.Requests}-seed{Options.Seed}-{SeedLayout}.db");
        if (!File.Exists(cached))
        {
            var seeding = cached + ".seeding";
            Delete(seeding);
            await SeedAsync($"Data Source={seeding}");
            File.Move(seeding, cached);
            Delete(seeding);
        }
        var run = Path.Combine(Options.CacheFolder, "run-sqlite.db");
        Delete(run);
        File.Copy(cached, run);
        return $"Data Source={run}";
    }

    static void Delete(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
    }
}

// A database cloned from a seeded template in the PostgreSQL cluster that run.sh keeps in bench/.cache.
sealed class PostgresStore(Options options) : Store(options)
{
    public override async Task<string> PrepareAsync()
    {
        var server = Environment.GetEnvironmentVariable("OPEN311_BENCH_PG")
            ?? throw new InvalidOperationException("OPEN311_BENCH_PG is not set: run the benchmark through bench/run.sh");
        var template = $"seed_{Options.Requests}_{Options.Seed}_{SeedLayout}";
        if (!await Postgres.ExistsAsync(server, template))
        {
            await Postgres.RunAsync(server, $"DROP DATABASE IF EXISTS {template}_seeding", $"CREATE DATABASE {template}_seeding");
            await SeedAsync($"{server};Database={template}_seeding");
            await Postgres.RunAsync(server, $"ALTER DATABASE {template}_seeding RENAME TO {template}");
        }
        await Postgres.RunAsync(server, "DROP DATABASE IF EXISTS bench_run WITH (FORCE)", $"CREATE DATABASE bench_run TEMPLATE {template}");
        return $"{server};Database=bench_run";
    }
}
