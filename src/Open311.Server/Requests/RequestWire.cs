using System.Text.Json.Serialization;

namespace Open311;

// A service request as GET /requests and GET /requests/{id} show it. Every core field is always
// present (null / an empty element); the extension fields appear only with extensions=true.
sealed record RequestWire(
    string ServiceRequestId,
    string Status,
    string? StatusNotes,
    string ServiceName,
    string ServiceCode,
    string? Description,
    string? AgencyResponsible,
    string? ServiceNotice,
    string RequestedDatetime,
    string UpdatedDatetime,
    string? ExpectedDatetime,
    string? Address,
    string? AddressId,
    string? Zipcode,
    double? Lat,
    double? Long,
    string? MediaUrl,
    // Austin addendum: every request response carries its token.
    string Token,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Details = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RequestAttributeWire>? Attributes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RequestExtensionWire? ExtendedAttributes = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NoteWire>? Notes = null);

// Extension (Austin addendum, Connected Bits shape): one entry per answer; a multivaluelist gives one per chosen key.
sealed record RequestAttributeWire(string Label, string Value, string Name, string? Code);

sealed record RequestExtensionWire(string? Channel, IReadOnlyList<PhotoWire> Photos);

sealed record PhotoWire(string MediaUrl, string? Title, string CreatedAt);

sealed record NoteWire(string Datetime, string? Description, string? Summary, string Type);

// POST /requests answers [{service_request_id, token, service_notice, account_id}].
sealed record CreatedRequestWire(string ServiceRequestId, string Token, string? ServiceNotice, string? AccountId);
