using System.CommandLine;
using Npgsql;

namespace Open311;

static class StorageCommands
{
    public static Command Build(IServiceProvider services)
    {
        var storage = new Command("storage", "Move the data between storage engines.");
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
                // The copy is one transaction: the target holds at most the empty schema now.
                Console.Error.WriteLine($"The copy failed, nothing was copied: {e.Message} {e.InnerException?.Message}");
                return 1;
            }
        });
        storage.Subcommands.Add(copy);
        return storage;
    }
}
