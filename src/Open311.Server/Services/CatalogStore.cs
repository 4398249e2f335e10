using System.Data.Common;
using Dapper;

namespace Open311;

enum CatalogChange { Created, Updated, Deleted, Deactivated, NotFound }

// Saves and removes services with their attribute definitions. Each save moves the service's
// updated_at and the discovery changeset, and is audited, in one transaction.
sealed class CatalogStore(Database db, TimeProvider time, CatalogCache cache)
{
    public Task<CatalogChange> SaveAsync(CatalogService service, Actor actor, CancellationToken ct = default) =>
        db.WriteAsync((c, t) => SaveAsync(c, t, service, actor), ct);

    // A new service only: false, with nothing written, when its code exists (POST /api/v1/services, the console's new service).
    public Task<bool> CreateAsync(CatalogService service, Actor actor, CancellationToken ct = default) =>
        db.WriteAsync(async (c, t) =>
        {
            if (await c.ExecuteScalarAsync<long?>("SELECT id FROM services WHERE service_code = @code", new { code = service.ServiceCode }, t) is not null)
                return false;
            await SaveAsync(c, t, service, actor);
            return true;
        }, ct);

    // The default teams named that are not teams, as "the service's code, the team": a save would refuse them.
    public async Task<List<(string ServiceCode, string Team)>> UnknownTeamsAsync(IEnumerable<CatalogService> services, CancellationToken ct = default)
    {
        var named = services.Where(s => s.DefaultTeam is not null).ToList();
        if (named.Count == 0) return [];
        await using var connection = await db.OpenAsync(ct);
        var teams = (await connection.QueryAsync<string>("SELECT id FROM teams")).ToHashSet(StringComparer.Ordinal);
        return named.Where(s => !teams.Contains(s.DefaultTeam!)).Select(s => (s.ServiceCode, s.DefaultTeam!)).ToList();
    }

    public async Task<CatalogChange> SaveAsync(DbConnection c, DbTransaction t, CatalogService s, Actor actor)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var existing = await c.ExecuteScalarAsync<long?>("SELECT id FROM services WHERE service_code = @code", new { code = s.ServiceCode }, t);
        // A service saved again keeps its id and the time it was created.
        var id = await c.ExecuteScalarAsync<long>(ServiceRow.Table.UpsertSql("service_code", kept: ["created_at"], returning: "id"),
            ServiceRow.Table.Parameters(s.ToRow(now)), t);

        await c.ExecuteAsync("DELETE FROM service_attributes WHERE service_id = @id", new { id }, t);
        foreach (var a in s.Attributes ?? [])
        {
            var attributeId = await c.ExecuteScalarAsync<long>(AttributeRow.Table.InsertSql(returning: "id"),
                AttributeRow.Table.Parameters(a.ToRow(id)), t);
            foreach (var (v, position) in (a.Values ?? []).Select((v, i) => (v, i)))
                await c.ExecuteAsync(AttributeRow.ValuesTable.InsertSql(), AttributeRow.ValuesTable.Parameters((attributeId, position, v)), t);
        }
        await TouchChangesetAsync(c, t, now);
        var change = existing is null ? CatalogChange.Created : CatalogChange.Updated;
        await AuditTrail.WriteAsync(c, t, now, actor, "service", s.ServiceCode, change == CatalogChange.Created ? "created" : "updated",
            new { s.ServiceName, s.Active, attributes = (s.Attributes ?? []).Count });
        return change;
    }

    // A service that has requests is kept, switched off, so that its requests still read correctly.
    public Task<CatalogChange> DeleteAsync(string code, Actor actor, CancellationToken ct = default) =>
        db.WriteAsync((c, t) => DeleteAsync(c, t, code, actor), ct);

    public async Task<CatalogChange> DeleteAsync(DbConnection c, DbTransaction t, string code, Actor actor)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var id = await c.ExecuteScalarAsync<long?>("SELECT id FROM services WHERE service_code = @code", new { code }, t);
        if (id is null) return CatalogChange.NotFound;
        var inUse = await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM requests WHERE service_id = @id)", new { id }, t);
        if (inUse)
            await c.ExecuteAsync("UPDATE services SET active = @no, updated_at = @now WHERE id = @id", new { id, now, no = false }, t);
        else
            await c.ExecuteAsync("DELETE FROM services WHERE id = @id", new { id }, t);
        await TouchChangesetAsync(c, t, now);
        var change = inUse ? CatalogChange.Deactivated : CatalogChange.Deleted;
        await AuditTrail.WriteAsync(c, t, now, actor, "service", code, inUse ? "deactivated" : "deleted");
        return change;
    }

    // The changeset is the time of the change; the version counts changes, so two in one millisecond differ too.
    async Task TouchChangesetAsync(DbConnection c, DbTransaction t, long now)
    {
        cache.Changed();
        await MoveChangesetAsync(c, t, now);
    }

    // The same from outside a running server (an admin command), whose caches see the new version.
    public static async Task MoveChangesetAsync(DbConnection c, DbTransaction t, long now)
    {
        await Settings.SetAsync(c, t, "catalog_changed_at", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var version = await Settings.GetAsync(c, "catalog_version", t);
        await Settings.SetAsync(c, t, "catalog_version", ((long.TryParse(version, out var v) ? v : 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
