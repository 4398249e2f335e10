namespace Open311;

// A change of a request's fields: what PATCH /api/v1/requests/{id}, the console's update form and the named
// operations of Casework send through RequestLifecycle. A field left out stays as it is; null clears it (status
// can't be cleared). Columns maps each set field to its column and new value, in the order they were set.
sealed record RequestPatch(IReadOnlyDictionary<string, object?> Columns)
{
    public string? Status => Columns.GetValueOrDefault("status") as string;
    public string? StatusDetail => Columns.GetValueOrDefault("status_detail") as string;
    public string? StatusNotes => Columns.GetValueOrDefault("status_notes") as string;
    public string? DuplicateOf => Columns.GetValueOrDefault("duplicate_of") as string;

    // The fields a change may set, by their wire names (expected_datetime is stored as expected_at).
    public static readonly string[] Fields = ["status", "status_detail", "duplicate_of", "external_status_code", "expected_datetime", "status_notes",
        "agency_responsible", "service_notice", "team", "assignee"];

    // The wire's name of a column a patch sets.
    public static string WireName(string column) => column switch
    {
        "expected_at" => "expected_datetime",
        "team_id" => "team",
        AssigneeEmail => "assignee",
        _ => column,
    };

    // An assignee comes as a staff user's email; RequestLifecycle turns it into assignee_id in the change.
    public const string AssigneeEmail = "assignee_email";

    // The text fields and their limits.
    public static readonly IReadOnlyDictionary<string, int> TextLimits = new Dictionary<string, int>
    {
        ["external_status_code"] = 100, ["status_notes"] = 4000, ["agency_responsible"] = 200, ["service_notice"] = 4000,
    };

    // A change of the extended status (CONTRACT §11), with its notes and, for a duplicate, the original: what a
    // client's reopening sends through RequestLifecycle as PATCH does.
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

// A RequestPatch built field by field, each checked as it is set: every front door (a PATCH body, the console's
// form, a named operation) sets the fields it was sent, in RequestPatch.Fields' order, and the problems come out in
// that order, one list, with the rule each broke. A front door adds its own problems of the wire (a number where text
// belongs, a field it does not know) with Refuse, so that they keep their place in the list.
sealed class PatchDraft(List<FieldProblem> problems)
{
    readonly Dictionary<string, object?> columns = new();
    string? sentDetail;

    public List<FieldProblem> Problems => problems;

    // What is set so far, by column.
    public IReadOnlyDictionary<string, object?> Columns => columns;

    public void Refuse(string field, string rule, string problem, object? limit = null) => problems.Add(new FieldProblem(field, rule, problem, limit));

    // open or closed; null is what was sent when it was null or not text.
    public void Status(string? status)
    {
        if (status is not null && StaffStatuses.All.Contains(status)) columns["status"] = status;
        else Refuse("status", Rules.NotAChoice, "must be open or closed");
    }

    // One of the extended statuses; with status set too, the two must agree (status follows from status_detail).
    public void StatusDetail(string? detail)
    {
        sentDetail = detail;
        if (detail is not null && StatusDetails.IsKnown(detail))
        {
            columns["status_detail"] = detail;
            if (columns.GetValueOrDefault("status") is string status && status != StatusDetails.StatusOf(detail))
                Refuse("status", Rules.Disagrees, $"is {status} but status_detail {detail} is {StatusDetails.StatusOf(detail)}");
        }
        else Refuse("status_detail", Rules.NotAChoice, $"must be one of {string.Join(", ", StatusDetails.All)}");
    }

    // The original a duplicate points to; null clears it. Set after StatusDetail: it goes with status_detail duplicate.
    public void DuplicateOf(string? original)
    {
        if (original is null) columns["duplicate_of"] = null;
        else if (string.IsNullOrWhiteSpace(original)) Refuse("duplicate_of", Rules.Required, "must be a service_request_id");
        else if (sentDetail != StatusDetails.Duplicate) Refuse("duplicate_of", Rules.GoesWith, "goes with status_detail duplicate");
        else columns["duplicate_of"] = original.Trim();
    }

    // A text field of RequestPatch.TextLimits, trimmed; null or blank clears it.
    public void Text(string field, string? text)
    {
        var max = RequestPatch.TextLimits[field];
        if (text is null) columns[field] = null;
        else if (text.Trim() is var trimmed && trimmed.Length > max) Refuse(field, Rules.TooLong, $"must be at most {max} characters", max);
        else columns[field] = trimmed.Length == 0 ? null : trimmed;
    }

    // The team that works it (issue 28), by id; null takes it off every team.
    public void Team(string? team)
    {
        if (team is null) columns["team_id"] = null;
        else if (System.Text.RegularExpressions.Regex.IsMatch(team, "^[a-z0-9][a-z0-9-]{0,39}$")) columns["team_id"] = team;
        else Refuse("team", Rules.NotAChoice, "must be a team's id (GET /api/v1/teams), or null");
    }

    // The staff user it is assigned to, by email; null: nobody.
    public void Assignee(string? email)
    {
        if (email is null) columns[RequestPatch.AssigneeEmail] = null;
        else if (email.Trim() is { Length: >= 3 and <= 254 } address && address.Contains('@')) columns[RequestPatch.AssigneeEmail] = address.ToLowerInvariant();
        else Refuse("assignee", Rules.NotAChoice, "must be a staff user's email, or null");
    }

    // expected_datetime, in Unix milliseconds; null clears it.
    public void ExpectedAt(long? ms) => columns["expected_at"] = ms;

    // The patch, or null with the problems; a draft that sets nothing is refused too.
    public RequestPatch? Finish()
    {
        if (problems.Count == 0 && columns.Count == 0)
            Refuse("body", Rules.Nothing, $"changes nothing; send one or more of {string.Join(", ", RequestPatch.Fields)}");
        return problems.Count > 0 ? null : new RequestPatch(columns);
    }
}
