namespace Open311;

// The request page's update form: what the request says now, and what the form sent.
sealed record UpdateForm(string? Status, string? StatusDetail, string? DuplicateOf, string? StatusNotes, string? Agency, string? Expected);

// The update form as a PATCH body, for PatchBody.Check and RequestLifecycle as PATCH /api/v1/requests/{id} goes:
// only what the form changed is sent, as a PATCH would send it. status follows from status_detail (CONTRACT §11),
// so a form that changes only one of them sends only that one; duplicate_of goes with status_detail duplicate in
// one PATCH, so a new original sends the extended status chosen beside it.
static class ConsoleUpdate
{
    public static PatchBody Body(UpdateForm now, UpdateForm sent)
    {
        var original = sent.DuplicateOf?.Trim() ?? "";
        var originalChanged = original != (now.DuplicateOf ?? "");
        var detail = sent.StatusDetail is { Length: > 0 } d ? d : null;
        var detailSent = detail is not null && (detail != now.StatusDetail || (originalChanged && original.Length > 0));
        return new PatchBody(
            sent.Status is { Length: > 0 } && sent.Status != now.Status ? new(true, false, sent.Status, false) : default,
            Changed(sent.StatusNotes, now.StatusNotes), Changed(sent.Agency, now.Agency), default,
            Changed(sent.Expected, now.Expected),
            detailSent ? new(true, false, detail, false) : default,
            !originalChanged ? default : original.Length == 0 ? new(true, true, null, false) : new(true, false, original, false),
            default, default, default);
    }

    // A form field as a PATCH field: left out when it says what the request already says; blank clears it.
    static Field<string> Changed(string? sent, string? now) =>
        (sent?.Trim() ?? "") == (now ?? "") ? default : new(true, string.IsNullOrWhiteSpace(sent), sent?.Trim(), false);
}
