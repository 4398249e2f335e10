namespace Open311;

// CONTRACT §11: the extended statuses. A request's status_detail is one of these; its status (open or closed)
// follows from it. The names are FixMyStreet's and every city's: mySociety's updates write them upper-case.
static class StatusDetails
{
    public const string Submitted = "submitted";
    public const string Reopened = "reopened";
    public const string Closed = "closed";
    public const string Duplicate = "duplicate";

    public static readonly IReadOnlyList<string> Open =
        [Submitted, "acknowledged", "investigating", "in_progress", "action_scheduled", Reopened];

    public static readonly IReadOnlyList<string> Closing =
        ["fixed", Duplicate, "not_councils_responsibility", "no_further_action", "internal_referral", "cancelled", Closed];

    public static readonly IReadOnlyList<string> All = [.. Open, .. Closing];

    public static bool IsKnown(string? detail) => detail is not null && All.Contains(detail);

    public static string StatusOf(string detail) => Closing.Contains(detail) ? "closed" : "open";

    // What a change of status alone (open or closed, as the GeoReport API knows it) makes of the detail:
    // the same kind keeps its detail; reopening is reopened, closing is closed.
    public static string Follow(string current, string status) =>
        StatusOf(current) == status ? current : status == "closed" ? Closed : Reopened;

    // The status as mySociety's updates write it (Open311::Endpoint::Service::Request::Update::mySociety): upper-case.
    // Ours that FixMyStreet has no state for are written as their kind: submitted and acknowledged are OPEN, reopened
    // is OPEN (FixMyStreet reopens a report on it), cancelled is CLOSED.
    public static string ForUpdates(string? detail) => detail switch
    {
        null or Submitted or "acknowledged" or Reopened => "OPEN",
        "cancelled" => "CLOSED",
        _ => detail.ToUpperInvariant(),
    };

    // What a client such as FixMyStreet may send as status on POST servicerequestupdates: OPEN, CLOSED, or an
    // extended status in either case (FixMyStreet writes IN_PROGRESS, "in progress", REOPEN).
    public static string? FromClient(string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return null;
        var name = status.Trim().ToLowerInvariant().Replace(' ', '_');
        return name switch
        {
            "open" => Submitted,
            "reopen" => Reopened,
            "not_responsible" => "not_councils_responsibility",
            "unable_to_fix" => "no_further_action",
            _ when IsKnown(name) => name,
            _ => null,
        };
    }
}
