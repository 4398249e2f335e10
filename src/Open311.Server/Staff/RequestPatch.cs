using System.Text.Json;

namespace Open311;

// PATCH /api/v1/requests/{id}: the fields staff may change. A field left out stays as it is; null
// clears it (status can't be cleared). Columns maps each sent field to its column and new value.
sealed record RequestPatch(IReadOnlyDictionary<string, object?> Columns)
{
    public string? Status => Columns.GetValueOrDefault("status") as string;
    public string? StatusNotes => Columns.GetValueOrDefault("status_notes") as string;
}

static class RequestPatches
{
    // field → (column, longest text); expected_datetime is a datetime, stored as expected_at.
    static readonly Dictionary<string, (string Column, int Max)> Texts = new()
    {
        ["status_notes"] = ("status_notes", 4000),
        ["agency_responsible"] = ("agency_responsible", 200),
        ["service_notice"] = ("service_notice", 4000),
    };

    public static readonly string[] Fields = ["status", "expected_datetime", .. Texts.Keys];

    public static (RequestPatch? Patch, List<(string, string)> Problems) Parse(JsonElement body, DateCodec dates)
    {
        var problems = new List<(string, string)>();
        var columns = new Dictionary<string, object?>();
        foreach (var name in body.Unknown(Fields)) problems.Add((name, $"can't be changed here; the fields are {string.Join(", ", Fields)}"));

        if (body.TryGetProperty("status", out var status))
        {
            if (status.ValueKind == JsonValueKind.String && status.GetString() is "open" or "closed") columns["status"] = status.GetString();
            else problems.Add(("status", "must be open or closed"));
        }
        foreach (var (field, (column, max)) in Texts)
        {
            if (!body.TryGetProperty(field, out var value)) continue;
            if (value.ValueKind == JsonValueKind.Null) columns[column] = null;
            else if (value.ValueKind != JsonValueKind.String) problems.Add((field, "must be a string or null"));
            else if (value.GetString()!.Trim() is var text && text.Length > max) problems.Add((field, $"must be at most {max} characters"));
            else columns[column] = text.Length == 0 ? null : text;
        }
        if (body.TryGetProperty("expected_datetime", out var expected))
        {
            if (expected.ValueKind == JsonValueKind.Null) columns["expected_at"] = null;
            else if (expected.ValueKind == JsonValueKind.String && dates.TryRead(expected.GetString(), out var ms)) columns["expected_at"] = ms;
            else problems.Add(("expected_datetime", "must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null"));
        }
        if (problems.Count == 0 && columns.Count == 0) problems.Add(("body", $"changes nothing; send one or more of {string.Join(", ", Fields)}"));
        return problems.Count > 0 ? (null, problems) : (new RequestPatch(columns), problems);
    }
}
