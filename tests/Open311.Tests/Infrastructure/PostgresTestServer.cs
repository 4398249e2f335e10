using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Open311.Tests;

// The PostgreSQL server test.sh starts for the run (OPEN311_TEST_PG, e.g. "Host=127.0.0.1;Port=54321;Username=postgres").
// The schema is migrated once per run into a template; each test gets its own copy (CREATE DATABASE ... TEMPLATE),
// dropped when the test ends.
static class PostgresTestServer
{
    public static string Server => Environment.GetEnvironmentVariable("OPEN311_TEST_PG") is { Length: > 0 } server ? server
        : throw new InvalidOperationException("OPEN311_TEST_PG is not set: run ./test.sh, which starts a PostgreSQL server for the tests.");

    static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    // CREATE DATABASE takes a tenth of a second or more even from a tiny template, much of it waiting, and
    // several overlap well: so a few clones are always being made ahead of the tests that will take them.
    const int ClonesAhead = 4;
    static readonly ConcurrentQueue<Task<string>> Ahead = new();

    public static TestDatabase CloneTemplate()
    {
        var template = Template.Value;
        while (Ahead.Count < ClonesAhead) Ahead.Enqueue(Task.Run(() => Create($"TEMPLATE {template}")));
        var name = (Ahead.TryDequeue(out var next) ? next : Task.FromResult(Create($"TEMPLATE {template}"))).GetAwaiter().GetResult();
        return Owned(name);
    }

    // A database with no tables at all, as an operator creates one for `storage copy --to-postgres`.
    public static TestDatabase CreateEmpty() => Owned(Create("TEMPLATE template0"));

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ToString();

    static TestDatabase Owned(string name) =>
        new("postgres", ConnectionString(name), () => { Drop(name); Drop(Broken(name)); }, () => BreakAsync(name));

    // As if the server were gone for this database: it takes no new connections, its sessions end, and under
    // another name reconnecting fails ("database does not exist").
    static Task BreakAsync(string name)
    {
        Admin($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
        Admin($"SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '{name}'");
        Admin($"ALTER DATABASE {name} RENAME TO {Broken(name)}");
        return Task.CompletedTask;
    }

    static string Broken(string name) => name + "_broken";

    static string Create(string from)
    {
        var name = NewName("open311_test");
        Admin($"CREATE DATABASE {name} {from}");
        return name;
    }

    static string CreateTemplate()
    {
        var name = NewName("open311_template");
        Admin($"CREATE DATABASE {name}");
        using (var dialect = new PostgresDialect(ConnectionString(name))) dialect.Migrate(NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            while (Ahead.TryDequeue(out var unused))
                if (unused.Wait(TimeSpan.FromSeconds(10))) Drop(unused.Result);
            Drop(name);
        };
        return name;
    }

    static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    // FORCE: the app's pooled connections may still be open when its test ends.
    static void Drop(string name) => Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        connection.Execute(sql);
    }
}
