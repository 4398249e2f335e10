namespace Open311;

// A request as staff see it: everything, personal fields, private notes and private photos included.
sealed record StaffRequest(
    string ServiceRequestId,
    string Token,
    string Status,
    string StatusDetail,
    string? DuplicateOf,
    string? ExternalStatusCode,
    string? StatusNotes,
    string ServiceCode,
    string ServiceName,
    string? Description,
    string? AgencyResponsible,
    // Issue 28: the team's id and the assignee's email; staff only.
    string? Team,
    string? Assignee,
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
    string? Channel,
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    string? DeviceId,
    string? AccountId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Details,
    IReadOnlyList<StaffNote> Notes,
    IReadOnlyList<StaffPhoto> Photos,
    long Version);

sealed record StaffNote(long Id, string Datetime, string Type, string? Summary, string? Description, bool Public);

// media_url is the public link (null for a private photo); staff_url serves any photo to staff.
sealed record StaffPhoto(long Id, string? Title, bool Public, string ContentType, long ByteSize, string CreatedAt,
    string? MediaUrl, string StaffUrl);

// key_name is the name of whoever made the change, as it was then: the key's, or the console user's (user_id set).
sealed record HistoryEntry(long Id, string At, string Action, string Entity, string EntityId, long? KeyId, string? KeyName,
    System.Text.Json.JsonElement? Detail, long? UserId);

sealed class PersonalRow
{
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? DeviceId { get; init; }
    public string? AccountId { get; init; }
    public string? TeamId { get; init; }
    public string? Assignee { get; init; }
}
