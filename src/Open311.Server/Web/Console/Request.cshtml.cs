using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Open311;

// One request as staff see it: every field and the resident's contact, the answers with their questions, the notes
// as a timeline (public and private), photos, the full history; and the changes, made by Casework's operations as the
// staff API's are, so each is audited under the user's name and moves updated_datetime. Every form carries the version the page showed: a change made by someone else
// since is not overwritten but shown ("changed by Dana at 10:42: reload").
sealed class RequestModel(StaffRequestReads reads, Casework casework, CatalogCache catalog, PhotoFiles files, Database db,
    RequestQueries requests, PhotoIntake photoIntake, DateCodec dates, WebDates webDates,
    Microsoft.Extensions.Localization.IStringLocalizer<Text> text) : PageModel
{
    public StaffRequest Found { get; private set; } = null!;
    public ServiceEntry? Service { get; private set; }
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public WebDates Dates => webDates;
    public DateCodec Codec => dates;

    // What the last attempt left: a problem (a Con_ text), or a conflict with who changed it and when.
    public string? Problem { get; private set; }
    public HistoryEntry? Conflict { get; private set; }
    public string? Done => Request.Query["done"].ToString() is { Length: > 0 } d ? d : null;

    // What the user typed, kept when a change was refused.
    [BindProperty] public string? NoteText { get; set; }
    [BindProperty] public string? NoteVisibility { get; set; }
    [BindProperty] public string? StatusNotes { get; set; }
    [BindProperty] public string? StatusDetail { get; set; }
    [BindProperty] public string? DuplicateOf { get; set; }

    // A problem of one field of the update form, shown beside it: status_detail or duplicate_of.
    public (string Field, string Problem)? FieldProblem { get; private set; }
    public string? ErrorOf(string field) => FieldProblem is { } p && p.Field == field ? p.Problem : null;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await ShowAsync(id, ct) ? Page() : NotFound();

    // Any photo of the request, private ones included: the console's pages show them from here (the cookie, not a key).
    public async Task<IActionResult> OnGetPhotoAsync(string id, long photo, CancellationToken ct) =>
        await StaffPhotosApi.FileAsync(id, photo, db, requests, files, ct) is var (path, type) ? PhysicalFile(path, type) : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(string id, long version, CancellationToken ct)
    {
        var isPublic = NoteVisibility == "public";
        var result = await casework.AddNoteAsync(id, IfMatch.Version(version), User.Actor(), NoteText ?? "", null, isPublic, ct);
        if (result.Status == ChangeStatus.Invalid)
            return await RefuseAsync(id, result.Problems!.Any(p => p.Rule == Rules.Required) ? "NoteMissing" : "NoteTooLong", ct);
        return await AnswerAsync(id, result, isPublic ? "public-note" : "private-note", ct);
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, long version, string? status, string? agency, string? expected, CancellationToken ct)
    {
        if (await reads.FindAsync(id, Request, ct) is not { } current) return NotFound();
        var detail = StatusDetail is { Length: > 0 } d ? d : current.StatusDetail;
        var original = DuplicateOf?.Trim() ?? "";
        // A duplicate's original is checked here too, to say so beside its field (RequestLifecycle refuses it anyway).
        if (original.Length > 0 && original != (current.DuplicateOf ?? ""))
        {
            if (detail != StatusDetails.Duplicate) return await RefuseFieldAsync(id, "duplicate_of", T("Con_DuplicateNeedsDetail"), ct);
            if (original == current.ServiceRequestId) return await RefuseFieldAsync(id, "duplicate_of", T("Con_DuplicateSelf"), ct);
            if (await reads.FindAsync(original, Request, ct) is null) return await RefuseFieldAsync(id, "duplicate_of", T("Con_DuplicateMissing", original), ct);
        }
        var draft = ConsoleUpdate.Draft(
            new(current.Status, current.StatusDetail, current.DuplicateOf, current.StatusNotes, current.AgencyResponsible,
                current.ExpectedDatetime is { } e && dates.TryRead(e, out var ms) ? Local(ms) : null),
            new(status, StatusDetail, DuplicateOf, StatusNotes, agency, expected), dates);
        if (draft.Finish() is not { } patch)
        {
            if (draft.Problems.Any(p => p.Rule == Rules.Nothing)) return Redirect($"/console/requests/{id}?done=nothing");
            if (draft.Problems.Any(p => p.Rule == Rules.Disagrees) && StatusDetail is { Length: > 0 } sd && StatusDetails.IsKnown(sd))
                return await RefuseFieldAsync(id, "status_detail", T("Con_StatusDisagree", ConsoleText.Status(text, sd), ConsoleText.Status(text, StatusDetails.StatusOf(sd))), ct);
            if (draft.Problems.Any(p => p.Rule == Rules.GoesWith)) return await RefuseFieldAsync(id, "duplicate_of", T("Con_DuplicateNeedsDetail"), ct);
            return await RefuseAsync(id, "UpdateBad", ct);
        }
        var result = await casework.ChangeAsync(id, IfMatch.Version(version), User.Actor(), patch, ct);
        if (result.Status == ChangeStatus.NotFound && result.Missing is not null)
            return await RefuseFieldAsync(id, "duplicate_of", T("Con_DuplicateMissing", original), ct);
        var closes = (patch.Status ?? (patch.StatusDetail is { } pd ? StatusDetails.StatusOf(pd) : null)) == "closed" && current.Status == "open";
        return await AnswerAsync(id, result, closes ? "closed" : "updated", ct);
    }

    string T(string name, params object[] args) => text[name, args];

    public async Task<IActionResult> OnPostPhotoAsync(string id, long version, IFormFile? file, string? title, string? visibility, CancellationToken ct)
    {
        if (file is null) return await RefuseAsync(id, "PhotoMissing", ct);
        var text = title?.Trim() ?? "";
        if (text.Length > Casework.MaxPhotoTitle) return await RefuseAsync(id, "PhotoTitleLong", ct);
        var (photo, problem) = await photoIntake.ReadAsync(file, ct);
        if (problem is not null) return await RefuseAsync(id, "PhotoBad", ct);
        var result = await casework.AddPhotoAsync(id, IfMatch.Version(version), User.Actor(), photo!, text, visibility == "public", ct);
        return await AnswerAsync(id, result, "photo", ct);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string id, long version, long photo, CancellationToken ct)
    {
        var result = await casework.RemovePhotoAsync(id, IfMatch.Version(version), User.Actor(), photo, ct);
        return await AnswerAsync(id, result, "photo-removed", ct);
    }

    // A datetime-local field's value, in the jurisdiction's time.
    public string Local(long ms) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(ms), dates.Zone)
        .ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    async Task<IActionResult> AnswerAsync<T>(string id, ChangeResult<T> result, string done, CancellationToken ct)
    {
        switch (result.Status)
        {
            case ChangeStatus.Done: return Redirect($"/console/requests/{id}?done={done}");
            case ChangeStatus.NotFound when result.Missing is null: return NotFound();
            case ChangeStatus.NotFound: return await RefuseAsync(id, "Gone", ct);
            // Each form checks what it sent before the change, so as to name the problem; this is the rest.
            case ChangeStatus.Invalid: return await RefuseAsync(id, "UpdateBad", ct);
            default:
                if (!await ShowAsync(id, ct)) return NotFound();
                Conflict = History.LastOrDefault();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    async Task<IActionResult> RefuseFieldAsync(string id, string field, string problem, CancellationToken ct)
    {
        if (!await ShowAsync(id, ct)) return NotFound();
        FieldProblem = (field, problem);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<IActionResult> RefuseAsync(string id, string problem, CancellationToken ct)
    {
        if (!await ShowAsync(id, ct)) return NotFound();
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> ShowAsync(string id, CancellationToken ct)
    {
        if (await reads.FindAsync(id, Request, ct) is not { } found) return false;
        Found = found;
        Service = await catalog.ServiceAsync(found.ServiceCode, ct);
        History = await reads.HistoryAsync(id, ct) ?? [];
        return true;
    }
}
