using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// PATCH /api/v1/requests/{id}: the fields staff may change. A field left out stays as it is; null
// clears it (status can't be cleared). Columns maps each sent field to its column and new value.
sealed record RequestPatch(IReadOnlyDictionary<string, object?> Columns)
{
    public string? Status => Columns.GetValueOrDefault("status") as string;
    public string? StatusNotes => Columns.GetValueOrDefault("status_notes") as string;
}

// The statuses staff may set, in the order the console offers them: the one list PATCH's check and the console's
// status control and queue filter read. Extended statuses (issue 13) are added here.
static class StaffStatuses
{
    public static readonly string[] All = ["open", "closed"];
}

// The body of PATCH.
sealed record PatchBody(Field<string> Status, Field<string> StatusNotes, Field<string> AgencyResponsible, Field<string> ServiceNotice,
    Field<string> ExpectedDatetime)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    // Text fields are stored in the column of their name; expected_datetime is stored as expected_at.
    static readonly string[] Fields = ["status", "expected_datetime", "status_notes", "agency_responsible", "service_notice"];

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
