namespace Open311;

// The request page's update form: what the request says now, and what the form sent.
sealed record UpdateForm(string? Status, string? StatusDetail, string? DuplicateOf, string? StatusNotes, string? Agency, string? Expected);

// The update form as a change (a PatchDraft, checked as PATCH /api/v1/requests/{id}'s body is): only what the form
// changed is set. status follows from status_detail (CONTRACT §11), so a form that changes only one of them sets only
// that one; duplicate_of goes with status_detail duplicate in one change, so a new original sets the extended status
// chosen beside it. Blank clears a field.
static class ConsoleUpdate
{
    public static PatchDraft Draft(UpdateForm now, UpdateForm sent, DateCodec dates)
    {
        var draft = new PatchDraft([]);
        var original = sent.DuplicateOf?.Trim() ?? "";
        var originalChanged = original != (now.DuplicateOf ?? "");
        var detail = sent.StatusDetail is { Length: > 0 } d ? d : null;
        if (sent.Status is { Length: > 0 } status && status != now.Status) draft.Status(status);
        if (detail is not null && (detail != now.StatusDetail || (originalChanged && original.Length > 0))) draft.StatusDetail(detail);
        if (originalChanged) draft.DuplicateOf(original.Length == 0 ? null : original);
        if (Changed(sent.StatusNotes, now.StatusNotes)) draft.Text("status_notes", Blank(sent.StatusNotes));
        if (Changed(sent.Agency, now.Agency)) draft.Text("agency_responsible", Blank(sent.Agency));
        if (Changed(sent.Expected, now.Expected))
        {
            if (Blank(sent.Expected) is not { } expected) draft.ExpectedAt(null);
            else if (dates.TryRead(expected, out var ms)) draft.ExpectedAt(ms);
            else draft.Refuse("expected_datetime", Rules.NotADatetime, "must be an ISO 8601 datetime such as 2026-12-01T17:00:00Z, or null");
        }
        return draft;
    }

    // A form field is left out when it says what the request already says.
    static bool Changed(string? sent, string? now) => (sent?.Trim() ?? "") != (now ?? "");

    static string? Blank(string? sent) => string.IsNullOrWhiteSpace(sent) ? null : sent.Trim();
}
