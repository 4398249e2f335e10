using System.Text.Json;
using Dapper;

namespace Open311;

sealed record ImportOutcome(int Created, int Updated, int Deleted, int Deactivated);

// The catalog to and from a JSON file: a list of CatalogService, the shape of Services/demo-catalog.json. The admin
// commands (`services export` / `import`) and the console's catalog file page both come here, so the file is the
// same byte for byte and an import is checked the same way. An import checks the whole file first and then writes
// it in one transaction: all of it or nothing.
sealed class CatalogTransfer(CatalogReader catalog, CatalogStore store, Database db, DateCodec dates)
{
    // The file's text: every service by code, with its attributes, and a final newline.
    public async Task<(string Json, int Count)> ExportJsonAsync(CancellationToken ct)
    {
        var services = CatalogService.AllOf(await catalog.ReadAsync(ct), dates);
        return (JsonSerializer.Serialize(services, WireJson.Files) + "\n", services.Count);
    }

    public async Task<int> ExportAsync(string path, CancellationToken ct)
    {
        var (json, count) = await ExportJsonAsync(ct);
        await File.WriteAllTextAsync(path, json, ct);
        return count;
    }

    public async Task<(ImportOutcome? Outcome, List<string> Problems)> ImportAsync(string path, bool replace, Actor actor, CancellationToken ct)
    {
        var (services, problems) = await ReadAsync(path, ct);
        if (services is not null) problems.AddRange(await UnknownTeamsAsync(services, ct));
        return services is null || problems.Count > 0 ? (null, problems) : (await ApplyAsync(services, replace, actor, ct), problems);
    }

    // name: how the problems name the file (its path, or an uploaded file's name).
    public async Task<(ImportOutcome? Outcome, List<string> Problems)> ImportAsync(Stream file, string name, bool replace, Actor actor,
        CancellationToken ct)
    {
        var (services, problems) = await ReadAsync(file, name, ct);
        if (services is not null) problems.AddRange(await UnknownTeamsAsync(services, ct));
        return services is null || problems.Count > 0 ? (null, problems) : (await ApplyAsync(services, replace, actor, ct), problems);
    }

    async Task<List<string>> UnknownTeamsAsync(List<CatalogService> services, CancellationToken ct) =>
        (await store.UnknownTeamsAsync(services, ct)).Select(u => $"services[{services.FindIndex(s => s.ServiceCode == u.ServiceCode)}] ({u.ServiceCode}): default_team {u.Team} is not a team").ToList();

    // replace: services not in the file are deleted, or deactivated when they have requests (CatalogStore.DeleteAsync).
    Task<ImportOutcome> ApplyAsync(List<CatalogService> services, bool replace, Actor actor, CancellationToken ct) =>
        db.WriteAsync(async (c, t) =>
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

    public static async Task<(List<CatalogService>? Services, List<string> Problems)> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await ReadAsync(stream, path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path}: {e.Message}"]);
        }
    }

    // Every problem of the file, each naming the service and field, before anything is written.
    public static async Task<(List<CatalogService>? Services, List<string> Problems)> ReadAsync(Stream file, string name, CancellationToken ct)
    {
        List<CatalogService?>? services;
        try
        {
            services = await JsonSerializer.DeserializeAsync<List<CatalogService?>>(file, WireJson.Files, ct);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return (null, [$"{name}: {e.Message}"]);
        }
        if (services is null) return (null, [$"{name}: must be a JSON list of services"]);

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
