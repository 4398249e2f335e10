namespace Open311;

// A row of requests joined with its service, as the public and staff reads need it.
sealed class RequestRow
{
    public long Id { get; init; }
    public string ServiceRequestId { get; init; } = "";
    public string Token { get; init; } = "";
    public long ServiceId { get; init; }
    public string ServiceCode { get; init; } = "";
    public string ServiceName { get; init; } = "";
    public string Status { get; init; } = "open";
    public string? StatusNotes { get; init; }
    public string? Description { get; init; }
    public string? AgencyResponsible { get; init; }
    public string? ServiceNotice { get; init; }
    public long RequestedAt { get; init; }
    public long UpdatedAt { get; init; }
    public long? ExpectedAt { get; init; }
    public string? Address { get; init; }
    public string? AddressId { get; init; }
    public string? Zipcode { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public string? MediaUrl { get; init; }
    public string? Channel { get; init; }
    public long? ApiKeyId { get; init; }
    public string? FirstPhotoFile { get; init; }
    public long Version { get; init; }

    // Public columns only: personal fields are read by the staff API alone.
    public const string Columns = """
        r.id, r.service_request_id, r.token, r.service_id, s.service_code, s.service_name, r.status, r.status_notes,
        r.description, r.agency_responsible, r.service_notice, r.requested_at, r.updated_at, r.expected_at,
        r.address, r.address_id, r.zipcode, r.lat, r.lon, r.media_url, r.channel, r.api_key_id, r.version
        """;

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
