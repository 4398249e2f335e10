using Microsoft.Extensions.Options;

namespace Open311;

static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Open311:Storage").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Dialect>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return options.Engine switch
            {
                "postgres" => new PostgresDialect(options.ConnectionString),
                _ => new SqliteDialect(options.ConnectionString),
            };
        });
        services.AddSingleton<Database>();
        return services;
    }

    // Migrations first, always; the demo catalog only for the server, and only when it is switched on.
    public static async Task PrepareStorageAsync(this IServiceProvider services, bool loadDemoCatalog, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Open311.Storage");
        var db = services.GetRequiredService<Database>();
        db.Dialect.Migrate(logger);
        if (loadDemoCatalog && services.GetRequiredService<IOptions<Open311Options>>().Value.DemoCatalog)
            await DemoCatalog.LoadOnceAsync(db, services.GetRequiredService<CatalogStore>(), logger, ct);
    }
}
