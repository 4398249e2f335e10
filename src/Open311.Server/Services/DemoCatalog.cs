using System.Text.Json;

namespace Open311;

// About fifteen services of a Texas city's 311, loaded once into a new database (Open311:DemoCatalog).
static class DemoCatalog
{
    public static IReadOnlyList<CatalogService> Load()
    {
        using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream("Open311.Services.demo-catalog.json")
            ?? throw new InvalidOperationException("The demo catalog is missing from the assembly.");
        return JsonSerializer.Deserialize<List<CatalogService>>(stream, WireJson.Files) ?? [];
    }

    // Runs once per database: after the first start, an emptied catalog stays empty.
    public static async Task LoadOnceAsync(Database db, CatalogStore catalog, ILogger logger, CancellationToken ct)
    {
        await db.WriteAsync(async (c, t) =>
        {
            if (await Settings.GetAsync(c, "catalog_initialised", t) is not null) return;
            var empty = !await Dapper.SqlMapper.ExecuteScalarAsync<bool>(c, "SELECT EXISTS (SELECT 1 FROM services)", transaction: t);
            if (empty)
            {
                var services = Load();
                foreach (var service in services) await catalog.SaveAsync(c, t, service, Actor.Command);
                logger.LogInformation("Loaded the demo catalog: {Count} services", services.Count);
            }
            await Settings.SetAsync(c, t, "catalog_initialised", "true");
        }, ct);
    }
}
