namespace Open311;

// The catalog as staff keep it (CatalogService): for the staff API and the catalog export.
sealed class CatalogQueries(ServiceQueries services, DateCodec dates)
{
    public async Task<List<CatalogService>> AllAsync(CancellationToken ct)
    {
        var all = new List<CatalogService>();
        // A catalog is tens of services: one read each keeps this on ServiceQueries' tested reads.
        foreach (var row in await services.ListAsync(ct))
            if (await FindAsync(row.ServiceCode, ct) is { } service) all.Add(service);
        return all.OrderBy(s => s.ServiceCode, StringComparer.Ordinal).ToList();
    }

    public async Task<CatalogService?> FindAsync(string code, CancellationToken ct) =>
        await services.FindAsync(code, ct) is { } entry ? ToCatalog(entry) : null;

    CatalogService ToCatalog(ServiceEntry e) => new(
        e.Service.ServiceCode, e.Service.ServiceName, e.Service.Description, e.Service.GroupName, e.Service.Keywords,
        e.Service.Type, e.Service.Active, e.Service.Notice,
        e.Attributes.Select(a => new CatalogAttribute(a.Code, a.Datatype, a.Description, a.SortOrder, a.Variable, a.Required,
            a.DatatypeDescription, a.IsList ? a.Values.ToList() : null)).ToList(),
        dates.Format(e.Service.UpdatedAt));
}
