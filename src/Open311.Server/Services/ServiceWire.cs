using System.Text.Json.Serialization;

namespace Open311;

// GET /services: the spec's fields, in the spec's order; codes are strings.
sealed record ServiceWire(
    string ServiceCode,
    string ServiceName,
    string? Description,
    bool Metadata,
    string Type,
    string? Keywords,
    string? Group);

// GET /services/{code}: service_code and attributes; extended_attributes only with extensions=true.
sealed record ServiceDefinitionWire(
    string ServiceCode,
    IReadOnlyList<AttributeWire> Attributes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ServiceExtensionWire? ExtendedAttributes = null);

sealed record AttributeWire(
    bool Variable,
    string Code,
    string Datatype,
    bool Required,
    string? DatatypeDescription,
    int Order,
    string Description,
    IReadOnlyList<AttributeValueWire> Values);

sealed record AttributeValueWire(string Key, string Name);

// Austin addendum: the service definition's extended_attributes.
sealed record ServiceExtensionWire(bool Active, string? Notice, string UpdatedAt);
