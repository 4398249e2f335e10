using Dapper;

namespace Open311;

sealed class ServiceRow
{
    public long Id { get; init; }
    public string ServiceCode { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string? Description { get; init; }
    public string Type { get; init; } = "realtime";
    public string? Keywords { get; init; }
    public string? GroupName { get; init; }
    public bool Active { get; init; }
    public string? Notice { get; init; }
    public long UpdatedAt { get; init; }
    public bool HasAttributes { get; init; }
}

sealed class AttributeRow
{
    public long Id { get; init; }
    public long ServiceId { get; init; }
    public string Code { get; init; } = "";
    public bool Variable { get; init; }
    public string Datatype { get; init; } = "";
    public bool Required { get; init; }
    public string? DatatypeDescription { get; init; }
    public int SortOrder { get; init; }
    public string Description { get; init; } = "";
    public List<AttributeValueWire> Values { get; } = [];

    public bool IsList => Datatype is Datatypes.SingleValueList or Datatypes.MultiValueList;
    public string? NameOf(string key) => Values.FirstOrDefault(v => v.Key == key)?.Name;
}

// A service with its attribute definitions, in order.
sealed record ServiceEntry(ServiceRow Service, IReadOnlyList<AttributeRow> Attributes)
{
    public AttributeRow? Attribute(string code) => Attributes.FirstOrDefault(a => a.Code == code);
}

sealed class ServiceQueries(Database db)
{
    const string ServiceColumns = """
        s.id, s.service_code, s.service_name, s.description, s.type, s.keywords, s.group_name, s.active, s.notice, s.updated_at,
        EXISTS (SELECT 1 FROM service_attributes a WHERE a.service_id = s.id) AS has_attributes
        """;

    public async Task<IReadOnlyList<ServiceRow>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ServiceRow>(
            $"SELECT {ServiceColumns} FROM services s ORDER BY s.group_name, s.service_name, s.service_code");
        return rows.AsList();
    }

    public async Task<ServiceEntry?> FindAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var service = await connection.QuerySingleOrDefaultAsync<ServiceRow>(
            $"SELECT {ServiceColumns} FROM services s WHERE s.service_code = @code", new { code });
        if (service is null) return null;
        var attributes = (await connection.QueryAsync<AttributeRow>(
            """
            SELECT id, service_id, code, variable, datatype, required, datatype_description, sort_order, description
            FROM service_attributes WHERE service_id = @id ORDER BY sort_order
            """, new { id = service.Id })).AsList();
        if (attributes.Count > 0)
        {
            var values = await connection.QueryAsync<(long AttributeId, string Key, string Name)>(
                $"""
                SELECT v.attribute_id, v.key, v.name FROM service_attribute_values v
                WHERE {db.Dialect.AnyOf("v.attribute_id", "ids")} ORDER BY v.attribute_id, v.position
                """, new { ids = attributes.Select(a => a.Id).ToArray() });
            var byId = attributes.ToDictionary(a => a.Id);
            foreach (var v in values) byId[v.AttributeId].Values.Add(new AttributeValueWire(v.Key, v.Name));
        }
        return new ServiceEntry(service, attributes);
    }

    // Discovery's changeset: the newest change to the catalog.
    public async Task<long?> ChangesetAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var value = await Settings.GetAsync(connection, "catalog_changed_at");
        return long.TryParse(value, out var ms) ? ms : null;
    }
}
