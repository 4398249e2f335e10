using Microsoft.Extensions.Options;

namespace Open311;

static class StoragePreparation
{
    // Migrations first, always; the demo catalog only for the server (and `seed`), and only when it is switched on.
    public static async Task PrepareStorageAsync(this IServiceProvider services, bool loadDemoCatalog, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Open311.Storage");
        var db = services.GetRequiredService<Database>();
        db.Dialect.Migrate(logger);
        if (loadDemoCatalog && services.GetRequiredService<IOptions<Open311Options>>().Value.DemoCatalog)
            await DemoCatalog.LoadOnceAsync(db, services.GetRequiredService<CatalogStore>(), logger, ct);
    }
}
