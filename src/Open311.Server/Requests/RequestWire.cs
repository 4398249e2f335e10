namespace Open311;

// Extension (Austin addendum, Connected Bits shape): one entry per answer; a multivaluelist gives one per chosen key.
sealed record RequestAttributeWire(string Label, string Value, string Name, string? Code);

sealed record RequestExtensionWire(string? Channel, IReadOnlyList<PhotoWire> Photos);

sealed record PhotoWire(string MediaUrl, string? Title, string CreatedAt);

sealed record NoteWire(string Datetime, string? Description, string? Summary, string Type);

// POST /requests answers [{service_request_id, token, service_notice, account_id}].
sealed record CreatedRequestWire(string ServiceRequestId, string Token, string? ServiceNotice, string? AccountId);
