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
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    // Its own area as GeoJSON (CONTRACT §10); null: wherever the jurisdiction is.
    public string? Area { get; init; }
    // Issue 28: the team that works its requests when no routing rule names one, and its target (both may be null).
    public string? DefaultTeam { get; init; }
    public int? SlaAmount { get; init; }
    public string? SlaUnit { get; init; }

    public ServiceSla? Sla => SlaAmount is { } amount && SlaUnit is { } unit ? new ServiceSla(amount, unit) : null;

    public static readonly Table<ServiceRow> Table = new("services", "id",
        Col.BigInt<ServiceRow>("id", s => s.Id),
        Col.Text<ServiceRow>("service_code", s => s.ServiceCode),
        Col.Text<ServiceRow>("service_name", s => s.ServiceName),
        Col.Text<ServiceRow>("description", s => s.Description),
        Col.Text<ServiceRow>("type", s => s.Type),
        Col.Text<ServiceRow>("keywords", s => s.Keywords),
        Col.Text<ServiceRow>("group_name", s => s.GroupName),
        Col.Bool<ServiceRow>("active", s => s.Active),
        Col.Text<ServiceRow>("notice", s => s.Notice),
        Col.BigInt<ServiceRow>("created_at", s => s.CreatedAt),
        Col.BigInt<ServiceRow>("updated_at", s => s.UpdatedAt),
        Col.Text<ServiceRow>("area", s => s.Area),
        Col.Text<ServiceRow>("default_team", s => s.DefaultTeam),
        Col.Int<ServiceRow>("sla_amount", s => s.SlaAmount),
        Col.Text<ServiceRow>("sla_unit", s => s.SlaUnit));
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

    public static readonly Table<AttributeRow> Table = new("service_attributes", "id",
        Col.BigInt<AttributeRow>("id", a => a.Id),
        Col.BigInt<AttributeRow>("service_id", a => a.ServiceId),
        Col.Text<AttributeRow>("code", a => a.Code),
        Col.Bool<AttributeRow>("variable", a => a.Variable),
        Col.Text<AttributeRow>("datatype", a => a.Datatype),
        Col.Bool<AttributeRow>("required", a => a.Required),
        Col.Text<AttributeRow>("datatype_description", a => a.DatatypeDescription),
        Col.Int<AttributeRow>("sort_order", a => a.SortOrder),
        Col.Text<AttributeRow>("description", a => a.Description));

    // service_attribute_values: a list attribute's choices, in order.
    public static readonly Table<(long AttributeId, int Position, AttributeValueWire Value)> ValuesTable = new("service_attribute_values", null,
        Col.BigInt<(long AttributeId, int Position, AttributeValueWire Value)>("attribute_id", v => v.AttributeId),
        Col.Int<(long AttributeId, int Position, AttributeValueWire Value)>("position", v => v.Position),
        Col.Text<(long AttributeId, int Position, AttributeValueWire Value)>("key", v => v.Value.Key),
        Col.Text<(long AttributeId, int Position, AttributeValueWire Value)>("name", v => v.Value.Name));

    public bool IsList => Datatype is Datatypes.SingleValueList or Datatypes.MultiValueList;
    public string? NameOf(string key) => Values.FirstOrDefault(v => v.Key == key)?.Name;
}

// A service with its attribute definitions, in order.
sealed record ServiceEntry(ServiceRow Service, IReadOnlyList<AttributeRow> Attributes)
{
    public AttributeRow? Attribute(string code) => Attributes.FirstOrDefault(a => a.Code == code);

    // GET /services' metadata: whether the service has a definition worth asking for.
    public bool HasAttributes => Attributes.Count > 0;

    // Its area, prepared once per catalog snapshot; a stored area that no longer reads limits nothing.
    public GeoArea? Area { get; } = Service.Area is { } text ? GeoArea.Parse(text).Area : null;

    // Offered at a point: inside its area, when it has one.
    public bool OffersAt(double lat, double lon) => Area?.Contains(lat, lon) ?? true;
}

// The whole catalog at one moment, in the service list's order, and discovery's changeset (its last change).
sealed class CatalogSnapshot(IReadOnlyList<ServiceEntry> services, long? changeset)
{
    readonly Dictionary<string, ServiceEntry> byCode = services.ToDictionary(s => s.Service.ServiceCode, StringComparer.Ordinal);

    public IReadOnlyList<ServiceEntry> Services => services;
    public long? Changeset => changeset;

    // Null when there is no code at all: a page's route binds a code of white space (`/report/%C2%85`) as null.
    public ServiceEntry? Find(string? code) => code is null ? null : byCode.GetValueOrDefault(code);
}

// The one reader of the catalog: every service, attribute and list value in three queries. Public answers
// read it through CatalogCache; the staff API, the export and the seeder read it fresh.
sealed class CatalogReader(Database db)
{
    public async Task<CatalogSnapshot> ReadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var services = (await connection.QueryAsync<ServiceRow>(
            $"""
            SELECT {ServiceRow.Table.AllColumns("s")} FROM services s ORDER BY s.group_name, s.service_name, s.service_code
            """)).AsList();
        var attributes = (await connection.QueryAsync<AttributeRow>(
            $"SELECT {AttributeRow.Table.AllColumns()} FROM service_attributes ORDER BY service_id, sort_order")).AsList();
        var byId = attributes.ToDictionary(a => a.Id);
        foreach (var v in await connection.QueryAsync<(long AttributeId, string Key, string Name)>(
            "SELECT attribute_id, key, name FROM service_attribute_values ORDER BY attribute_id, position"))
            byId[v.AttributeId].Values.Add(new AttributeValueWire(v.Key, v.Name));
        var byService = attributes.ToLookup(a => a.ServiceId);
        var changeset = await Settings.GetAsync(connection, "catalog_changed_at");
        return new CatalogSnapshot(
            services.Select(s => new ServiceEntry(s, byService[s.Id].ToList())).ToList(),
            long.TryParse(changeset, out var ms) ? ms : null);
    }
}
