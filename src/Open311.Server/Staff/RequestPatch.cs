using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// PATCH /api/v1/requests/{id}: the fields staff may change. A field left out stays as it is; null
// clears it (status can't be cleared). Columns maps each sent field to its column and new value.
sealed record RequestPatch(IReadOnlyDictionary<string, object?> Columns)
{
    public string? Status => Columns.GetValueOrDefault("status") as string;
    public string? StatusDetail => Columns.GetValueOrDefault("status_detail") as string;
    public string? StatusNotes => Columns.GetValueOrDefault("status_notes") as string;
    public string? DuplicateOf => Columns.GetValueOrDefault("duplicate_of") as string;

    // A change of the extended status (CONTRACT §11), with its notes and, for a duplicate, the original: what the
    // staff console sends through RequestLifecycle as PATCH does.
    public static RequestPatch SetStatusDetail(string detail, string? statusNotes = null, string? duplicateOf = null)
    {
        if (!StatusDetails.IsKnown(detail)) throw new ArgumentException($"'{detail}' is not a status_detail", nameof(detail));
        var columns = new Dictionary<string, object?> { ["status_detail"] = detail };
        if (statusNotes is not null) columns["status_notes"] = statusNotes;
        if (duplicateOf is not null) columns["duplicate_of"] = duplicateOf;
        return new RequestPatch(columns);
    }
}

// The statuses staff may set, in the order the console offers them: the one list PATCH's check and the console's
// status control and queue filter read. Extended statuses (issue 13) are added here.
static class StaffStatuses
{
    public static readonly string[] All = ["open", "closed"];
}

// The body of PATCH.
sealed record PatchBody(Field<string> Status, Field<string> StatusNotes, Field<string> AgencyResponsible, Field<string> ServiceNotice,
    Field<string> ExpectedDatetime, Field<string> StatusDetail, Field<string> DuplicateOf,
    Field<string> ExternalStatusCode)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    // Text fields are stored in the column of their name; expected_datetime is stored as expected_at.
    static readonly string[] Fields = ["status", "status_detail", "duplicate_of", "external_status_code", "expected_datetime", "status_notes",
        "agency_responsible", "service_notice"];

    public (RequestPatch? Patch, List<(string, string)> Problems) Check(DateCodec dates)
    {
        var problems = new List<(string, string)>();
        var columns = new Dictionary<string, object?>();
        foreach (var name in StaffJson.Unknown(Extra)) problems.Add((name, $"can't be changed here; the fields are {string.Join(", ", Fields)}"));

        if (Status.Sent)
        {
            if (Status.Value is { } status && StaffStatuses.All.Contains(status)) columns["status"] = status;
            else problems.Add(("status", "must be open or closed"));
        }
        // CONTRACT §11: status follows from status_detail; sending both, they must agree.
        if (StatusDetail.Sent)
        {
            if (StatusDetail.HasValue && StatusDetails.IsKnown(StatusDetail.Value))
            {
                columns["status_detail"] = StatusDetail.Value;
                if (columns.GetValueOrDefault("status") is string status && status != StatusDetails.StatusOf(StatusDetail.Value!))
                    problems.Add(("status", $"is {status} but status_detail {StatusDetail.Value} is {StatusDetails.StatusOf(StatusDetail.Value!)}"));
            }
            else problems.Add(("status_detail", $"must be one of {string.Join(", ", StatusDetails.All)}"));
        }
        if (DuplicateOf.Sent && !DuplicateOf.IsNull)
        {
            if (DuplicateOf.Wrong || string.IsNullOrWhiteSpace(DuplicateOf.Value)) problems.Add(("duplicate_of", "must be a service_request_id"));
            else if (StatusDetail.Value != StatusDetails.Duplicate) problems.Add(("duplicate_of", "goes with status_detail duplicate"));
            else columns["duplicate_of"] = DuplicateOf.Value!.Trim();
        }
        else if (DuplicateOf.Sent) columns["duplicate_of"] = null;
        Text("external_status_code", ExternalStatusCode, 100);
        Text("status_notes", StatusNotes, 4000);
        Text("agency_responsible", AgencyResponsible, 200);
        Text("service_notice", ServiceNotice, 4000);
        if (ExpectedDatetime.Sent)
        {
            if (ExpectedDatetime.IsNull) columns["expected_at"] = null;
            else if (ExpectedDatetime.HasValue && dates.TryRead(ExpectedDatetime.Value, out var ms)) columns["expected_at"] = ms;
            else problems.Add(("expected_datetime", "must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null"));
        }
        if (problems.Count == 0 && columns.Count == 0) problems.Add(("body", $"changes nothing; send one or more of {string.Join(", ", Fields)}"));
        return problems.Count > 0 ? (null, problems) : (new RequestPatch(columns), problems);

        void Text(string field, Field<string> value, int max)
        {
            if (!value.Sent) return;
            if (value.IsNull) columns[field] = null;
            else if (value.Wrong) problems.Add((field, "must be a string or null"));
            else if (value.Value!.Trim() is var text && text.Length > max) problems.Add((field, $"must be at most {max} characters"));
            else columns[field] = text.Length == 0 ? null : text;
        }
    }
}
