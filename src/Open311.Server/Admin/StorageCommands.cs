using System.CommandLine;
using Npgsql;

namespace Open311;

static class StorageCommands
{
    public static Command Build(IServiceProvider services)
    {
        var storage = new Command("storage", "Move the data between storage engines; check stored text.");
        var target = new Option<string>("--to-postgres")
        {
            Description = "Npgsql connection string of an empty PostgreSQL database, e.g. \"Host=db;Database=open311;Username=open311;Password=...\"",
            Required = true,
        };
        var copy = new Command("copy", "Copy everything from the configured SQLite database into an empty PostgreSQL database "
            + "(migrated first), keeping ids, then print and compare the row counts table by table.") { target };
        copy.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Open311.Storage");
            try
            {
                return await StorageCopy.ToPostgresAsync(services.GetRequiredService<Database>(), parse.GetValue(target)!, Console.Out, logger, ct);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // The copy is one transaction: the target holds at most the empty schema now. One line, naming the host.
                var inner = e.InnerException?.Message is { } m && m != e.Message ? $" ({m})" : "";
                Console.Error.WriteLine($"open311: storage copy: the copy to {TargetHost(parse.GetValue(target)!)} failed, nothing was copied: {e.Message}{inner}");
                return 1;
            }
        });
        storage.Subcommands.Add(copy);

        var fix = new Option<bool>("--fix") { Description = "Replace each refused character with U+FFFD (one audit row per changed row)." };
        var check = new Command("check", "Report stored text that breaks the text rule (C0 controls other than tab, LF and CR; "
            + "U+FFFE, U+FFFF; unpaired surrogates) by table, row and column, without printing values. Exits 1 when some is found, "
            + "0 when all is well or --fix repaired it.") { fix };
        check.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var repair = parse.GetValue(fix);
            var found = await StoredText.CheckAsync(services.GetRequiredService<Database>(), Console.Out, repair,
                services.GetRequiredService<TimeProvider>(), ct);
            return found.Count == 0 || repair ? 0 : 1;
        });
        storage.Subcommands.Add(check);
        return storage;
    }

    static string TargetHost(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host {target.Host ?? "(none)"} port {target.Port}";
    }
}
