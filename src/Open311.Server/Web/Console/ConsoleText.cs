using Microsoft.Extensions.Localization;

namespace Open311;

// How the console says a status: open and closed in the page's language, any other (issue 13's extended
// statuses, once StaffStatuses lists them) as Status_{name} when the resource files have it, else as it is.
static class ConsoleText
{
    public static string Status(IStringLocalizer text, string status) => status switch
    {
        "open" => text["StatusOpen"],
        "closed" => text["StatusClosed"],
        _ => text["Status_" + status] is { ResourceNotFound: false } found ? found : status,
    };

    // What a history entry of a request changed, from its audit detail: " · extended status duplicate of 26-00000001".
    public static string HistoryDetail(IStringLocalizer text, HistoryEntry entry)
    {
        if (entry.Detail is not { ValueKind: System.Text.Json.JsonValueKind.Object } detail) return "";
        var parts = new List<string>();
        if (detail.TryGetProperty("status_detail", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String)
            parts.Add(text["Con_HistoryStatusDetail", Status(text, d.GetString()!)]);
        if (detail.TryGetProperty("duplicate_of", out var o) && o.ValueKind == System.Text.Json.JsonValueKind.String)
            parts.Add(text["Con_HistoryDuplicateOf", o.GetString()!]);
        if (detail.TryGetProperty("fields", out var f) && f.ValueKind == System.Text.Json.JsonValueKind.Array && f.GetArrayLength() > 0)
            parts.Add(text["Con_HistoryFields", string.Join(", ", f.EnumerateArray().Select(x => x.ToString()))]);
        return parts.Count == 0 ? "" : " · " + string.Join(" · ", parts);
    }
}
