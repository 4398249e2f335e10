using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace Open311;

sealed record ImportOutcome(int Created, int Updated, int Deleted, int Deactivated);

// The catalog to and from a JSON file: a list of CatalogService, the shape of Services/demo-catalog.json.
// An import checks the whole file first and then writes it in one transaction: all of it or nothing.
sealed class CatalogTransfer(CatalogReader catalog, CatalogStore store, Database db, DateCodec dates)
{
    public async Task<int> ExportAsync(string path, CancellationToken ct)
    {
        var services = CatalogService.AllOf(await catalog.ReadAsync(ct), dates);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(services, WireJson.Files) + "\n", ct);
        return services.Count;
    }

    // replace: services not in the file are deleted, or deactivated when they have requests (CatalogStore.DeleteAsync).
    public async Task<(ImportOutcome? Outcome, List<string> Problems)> ImportAsync(string path, bool replace, Actor actor, CancellationToken ct)
    {
        var (services, problems) = await ReadAsync(path, ct);
        if (services is null) return (null, problems);

        var outcome = await db.WriteAsync(async (c, t) =>
        {
            int created = 0, updated = 0, deleted = 0, deactivated = 0;
            var before = (await c.QueryAsync<string>("SELECT service_code FROM services", transaction: t)).ToList();
            foreach (var service in services)
                if (await store.SaveAsync(c, t, service, actor) == CatalogChange.Created) created++;
                else updated++;
            if (replace)
                foreach (var code in before.Except(services.Select(s => s.ServiceCode)))
                    if (await store.DeleteAsync(c, t, code, actor) == CatalogChange.Deleted) deleted++;
                    else deactivated++;
            return new ImportOutcome(created, updated, deleted, deactivated);
        }, ct);
        return (outcome, problems);
    }

    // Every problem of the file, each naming the service and field, before anything is written.
    public static async Task<(List<CatalogService>? Services, List<string> Problems)> ReadAsync(string path, CancellationToken ct)
    {
        List<CatalogService?>? services;
        try
        {
            await using var stream = File.OpenRead(path);
            services = await JsonSerializer.DeserializeAsync<List<CatalogService?>>(stream, WireJson.Files, ct);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path}: {e.Message}"]);
        }
        if (services is null) return (null, [$"{path}: must be a JSON list of services"]);

        var problems = new List<string>();
        foreach (var (service, i) in services.Select((s, i) => (s, i)))
        {
            if (service is null) { problems.Add($"services[{i}] is empty"); continue; }
            foreach (var (field, problem) in CatalogRules.Check(service))
                problems.Add($"services[{i}] ({service.ServiceCode}): {field} {problem}");
        }
        foreach (var code in services.Where(s => s is not null).GroupBy(s => s!.ServiceCode).Where(g => g.Count() > 1))
            problems.Add($"service_code {code.Key} appears {code.Count()} times");
        return problems.Count > 0 ? (null, problems) : (services.Select(s => s! with { UpdatedAt = null }).ToList(), problems);
    }
}
