namespace Open311;

// A service as staff keep it: the staff API's shape, the catalog export/import file and the demo catalog.
sealed record CatalogService(
    string ServiceCode,
    string ServiceName,
    string? Description = null,
    string? Group = null,
    string? Keywords = null,
    string Type = "realtime",
    bool Active = true,
    string? Notice = null,
    IReadOnlyList<CatalogAttribute>? Attributes = null,
    string? UpdatedAt = null,
    // CONTRACT §10: the service's own area, a GeoJSON Polygon or MultiPolygon; null or left out: everywhere.
    System.Text.Json.JsonElement? Area = null,
    // CONTRACT §14: the team that works its requests when no routing rule names one (a team id), and its target.
    string? DefaultTeam = null,
    ServiceSla? Sla = null)
{
    // The area as stored: null for none.
    public string? AreaText => Area is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } a
        ? a.GetRawText() : null;

    public static CatalogService From(ServiceEntry e, DateCodec dates) => new(
        e.Service.ServiceCode, e.Service.ServiceName, e.Service.Description, e.Service.GroupName, e.Service.Keywords,
        e.Service.Type, e.Service.Active, e.Service.Notice,
        e.Attributes.Select(a => new CatalogAttribute(a.Code, a.Datatype, a.Description, a.SortOrder, a.Variable, a.Required,
            a.DatatypeDescription, a.IsList ? a.Values.ToList() : null)).ToList(),
        dates.Format(e.Service.UpdatedAt),
        e.Service.Area is { } area ? System.Text.Json.JsonDocument.Parse(area).RootElement.Clone() : null,
        e.Service.DefaultTeam, e.Service.Sla);

    // The services row a save writes (the database gives the id).
    public ServiceRow ToRow(long now) => new()
    {
        ServiceCode = ServiceCode, ServiceName = ServiceName, Description = Description, Type = Type, Keywords = Keywords,
        GroupName = Group, Active = Active, Notice = Notice, CreatedAt = now, UpdatedAt = now, Area = AreaText,
        DefaultTeam = DefaultTeam, SlaAmount = Sla?.Amount, SlaUnit = Sla?.Unit,
    };

    // The service with its attribute rows, as the catalog holds it: what a new request is checked against.
    public ServiceEntry ToEntry(long now) => new(ToRow(now), (Attributes ?? []).Select(a => a.ToRow(serviceId: 0)).ToList());

    // The whole catalog in the staff API's and the catalog file's order: by service code.
    public static List<CatalogService> AllOf(CatalogSnapshot catalog, DateCodec dates) =>
        catalog.Services.Select(s => From(s, dates)).OrderBy(s => s.ServiceCode, StringComparer.Ordinal).ToList();
}

sealed record CatalogAttribute(
    string Code,
    string Datatype,
    string Description,
    int Order,
    bool Variable = true,
    bool Required = false,
    string? DatatypeDescription = null,
    IReadOnlyList<AttributeValueWire>? Values = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsList => Datatype is Datatypes.SingleValueList or Datatypes.MultiValueList;

    public AttributeRow ToRow(long serviceId)
    {
        var row = new AttributeRow
        {
            ServiceId = serviceId, Code = Code, Variable = Variable, Datatype = Datatype, Required = Required,
            DatatypeDescription = DatatypeDescription, SortOrder = Order, Description = Description,
        };
        row.Values.AddRange(Values ?? []);
        return row;
    }
}

static class Datatypes
{
    public const string String = "string";
    public const string Number = "number";
    public const string Datetime = "datetime";
    public const string Text = "text";
    public const string SingleValueList = "singlevaluelist";
    public const string MultiValueList = "multivaluelist";

    public static readonly string[] All = [String, Number, Datetime, Text, SingleValueList, MultiValueList];
}
