using System.Text.Json.Serialization;

namespace Open311;

// A service request as stored (the requests table and its row) and as the public API shows it (RequestWire),
// side by side: a column is added here, in the row, the table and, when the public sees it, the wire record.
sealed class RequestRow
{
    public long Id { get; init; }
    public string ServiceRequestId { get; init; } = "";
    public string Token { get; init; } = "";
    public long ServiceId { get; init; }
    public string Status { get; init; } = "open";
    // CONTRACT §11: the extended status (StatusDetails); Status follows from it. A duplicate names its original.
    public string StatusDetail { get; init; } = StatusDetails.Submitted;
    public string? DuplicateOf { get; init; }
    // The status code of the council's own system, when staff set one; shown on the updates feed.
    public string? ExternalStatusCode { get; init; }
    public string? StatusNotes { get; init; }
    public string? Description { get; init; }
    public string? AgencyResponsible { get; init; }
    public string? ServiceNotice { get; init; }
    public long RequestedAt { get; init; }
    public long UpdatedAt { get; init; }
    public long? ExpectedAt { get; init; }
    // Issue 28: the team that works it and the staff user it is assigned to (never on the public wire).
    public string? TeamId { get; init; }
    public long? AssigneeId { get; init; }
    public string? Address { get; init; }
    public string? AddressId { get; init; }
    public string? Zipcode { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? MediaUrl { get; init; }
    // CONTRACT §11: media_url repeated keeps every link; the ones after the first, a line each.
    public string? MoreMediaUrls { get; init; }
    public string? Channel { get; init; }
    // Personal fields: stored, read by the staff API alone, never shown publicly (CONTRACT §4).
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? DeviceId { get; init; }
    public string? AccountId { get; init; }
    // The key that created it: its token resolves only for that key or staff (CONTRACT §7).
    public long? ApiKeyId { get; init; }
    // Moves on every change: the staff API's ETag.
    public long Version { get; init; } = 1;

    // Read with the row, not stored in it: the service's code and name, and the file of the first public photo.
    public string ServiceCode { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string? FirstPhotoFile { get; init; }

    public static readonly Table<RequestRow> Table = new("requests", "id",
        Col.BigInt<RequestRow>("id", r => r.Id),
        Col.Text<RequestRow>("service_request_id", r => r.ServiceRequestId),
        Col.Text<RequestRow>("token", r => r.Token),
        Col.BigInt<RequestRow>("service_id", r => r.ServiceId),
        Col.Text<RequestRow>("status", r => r.Status),
        Col.Text<RequestRow>("status_notes", r => r.StatusNotes),
        Col.Text<RequestRow>("status_detail", r => r.StatusDetail),
        Col.Text<RequestRow>("duplicate_of", r => r.DuplicateOf),
        Col.Text<RequestRow>("external_status_code", r => r.ExternalStatusCode),
        Col.Text<RequestRow>("description", r => r.Description),
        Col.Text<RequestRow>("agency_responsible", r => r.AgencyResponsible),
        Col.Text<RequestRow>("service_notice", r => r.ServiceNotice),
        Col.BigInt<RequestRow>("requested_at", r => r.RequestedAt),
        Col.BigInt<RequestRow>("updated_at", r => r.UpdatedAt),
        Col.BigInt<RequestRow>("expected_at", r => r.ExpectedAt),
        Col.Text<RequestRow>("address", r => r.Address),
        Col.Text<RequestRow>("address_id", r => r.AddressId),
        Col.Text<RequestRow>("zipcode", r => r.Zipcode),
        Col.Real<RequestRow>("lat", r => r.Lat),
        Col.Real<RequestRow>("lon", r => r.Lon),
        Col.Text<RequestRow>("media_url", r => r.MediaUrl),
        Col.Text<RequestRow>("more_media_urls", r => r.MoreMediaUrls),
        Col.Text<RequestRow>("channel", r => r.Channel),
        Col.Text<RequestRow>("email", r => r.Email, personal: true),
        Col.Text<RequestRow>("phone", r => r.Phone, personal: true),
        Col.Text<RequestRow>("first_name", r => r.FirstName, personal: true),
        Col.Text<RequestRow>("last_name", r => r.LastName, personal: true),
        Col.Text<RequestRow>("device_id", r => r.DeviceId, personal: true),
        Col.Text<RequestRow>("account_id", r => r.AccountId, personal: true),
        Col.BigInt<RequestRow>("api_key_id", r => r.ApiKeyId),
        Col.BigInt<RequestRow>("version", r => r.Version),
        Col.Text<RequestRow>("team_id", r => r.TeamId),
        Col.BigInt<RequestRow>("assignee_id", r => r.AssigneeId));

    // Public columns only, with the service's code and name.
    public static readonly string Columns = $"{Table.PublicColumns("r")}, s.service_code, s.service_name";

    public const string From = "requests r JOIN services s ON s.id = r.service_id";

    // The file of the first public photo, the request's media_url: read with the row, so that a public
    // read without extensions needs no other query.
    public const string FirstPhotoColumn = """
        (SELECT p.file_name FROM request_photos p WHERE p.request_id = r.id AND p.public = TRUE ORDER BY p.created_at, p.id LIMIT 1) AS first_photo_file
        """;

    // How every write moves updated_at: to now, or a millisecond on when the clock has not moved past
    // the last change, so that each change is a new link in request_changes (see migration 0002).
    public const string Touch = "updated_at = CASE WHEN @now > updated_at THEN @now ELSE updated_at + 1 END, version = version + 1";
}

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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NoteWire>? Notes = null,
    // CONTRACT §10: metres from the lat/long searched around, with extensions=true.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Distance = null,
    // CONTRACT §11, with extensions=true: the extended status, and for a duplicate the request it repeats
    // (parent_service_request_id is Chicago's name for the same value).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusDetail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DuplicateOf = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ParentServiceRequestId = null)
{
    // The core fields of a row; mediaUrl is its first public photo's link or the URL it was sent with.
    public static RequestWire From(RequestRow r, DateCodec dates, string? mediaUrl) => new(
        r.ServiceRequestId, r.Status, r.StatusNotes, r.ServiceName, r.ServiceCode, r.Description, r.AgencyResponsible,
        r.ServiceNotice, dates.Format(r.RequestedAt), dates.Format(r.UpdatedAt), dates.Format(r.ExpectedAt),
        r.Address, r.AddressId, r.Zipcode, r.Lat, r.Lon, mediaUrl, r.Token);
}
