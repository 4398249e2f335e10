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

    public async Task<CatalogChange> SaveAsync(DbConnection c, DbTransaction t, CatalogService s, Actor actor)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var existing = await c.ExecuteScalarAsync<long?>("SELECT id FROM services WHERE service_code = @code", new { code = s.ServiceCode }, t);
        var id = await c.ExecuteScalarAsync<long>(
            """
            INSERT INTO services (service_code, service_name, description, type, keywords, group_name, active, notice, created_at, updated_at)
            VALUES (@ServiceCode, @ServiceName, @Description, @Type, @Keywords, @Group, @Active, @Notice, @now, @now)
            ON CONFLICT (service_code) DO UPDATE SET
                service_name = excluded.service_name, description = excluded.description, type = excluded.type,
                keywords = excluded.keywords, group_name = excluded.group_name, active = excluded.active,
                notice = excluded.notice, updated_at = excluded.updated_at
            RETURNING id
            """,
            new { s.ServiceCode, s.ServiceName, s.Description, s.Type, s.Keywords, s.Group, s.Active, s.Notice, now }, t);

        await c.ExecuteAsync("DELETE FROM service_attributes WHERE service_id = @id", new { id }, t);
        foreach (var a in s.Attributes ?? [])
        {
            var attributeId = await c.ExecuteScalarAsync<long>(
                """
                INSERT INTO service_attributes (service_id, code, variable, datatype, required, datatype_description, sort_order, description)
                VALUES (@id, @Code, @Variable, @Datatype, @Required, @DatatypeDescription, @Order, @Description)
                RETURNING id
                """, new { id, a.Code, a.Variable, a.Datatype, a.Required, a.DatatypeDescription, a.Order, a.Description }, t);
            foreach (var (v, position) in (a.Values ?? []).Select((v, i) => (v, i)))
                await c.ExecuteAsync(
                    "INSERT INTO service_attribute_values (attribute_id, position, key, name) VALUES (@attributeId, @position, @Key, @Name)",
                    new { attributeId, position, v.Key, v.Name }, t);
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
        await Settings.SetAsync(c, t, "catalog_changed_at", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var version = await Settings.GetAsync(c, "catalog_version", t);
        await Settings.SetAsync(c, t, "catalog_version", ((long.TryParse(version, out var v) ? v : 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
