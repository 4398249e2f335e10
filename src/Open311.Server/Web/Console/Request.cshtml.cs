using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Open311;

// One request as staff see it: every field and the resident's contact, the answers with their questions, the notes
// as a timeline (public and private), photos, the full history; and the staff API's changes, made through the same
// classes (RequestChanges with PatchBody's, NoteBody's and PhotoIntake's rules), so each is audited under the user's
// name and moves updated_datetime. Every form carries the version the page showed: a change made by someone else
// since is not overwritten but shown ("changed by Dana at 10:42: reload").
sealed class RequestModel(StaffRequestReads reads, RequestChanges changes, CatalogCache catalog, PhotoFiles files, Database db,
    RequestQueries requests, IOptions<PhotoOptions> photoOptions, DateCodec dates, WebDates webDates) : PageModel
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

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await ShowAsync(id, ct) ? Page() : NotFound();

    // Any photo of the request, private ones included: the console's pages show them from here (the cookie, not a key).
    public async Task<IActionResult> OnGetPhotoAsync(string id, long photo, CancellationToken ct) =>
        await StaffPhotosApi.FileAsync(id, photo, db, requests, files, ct) is var (path, type) ? PhysicalFile(path, type) : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(string id, long version, CancellationToken ct)
    {
        var body = new NoteBody(Sent(NoteText), default, new Field<bool>(true, false, NoteVisibility == "public", false));
        var (note, problems) = body.Check();
        if (note is null) return await RefuseAsync(id, problems.Any(p => p.Item1 == "description" && p.Item2.Contains("required")) ? "NoteMissing" : "NoteTooLong", ct);
        var result = await changes.ApplyAsync(id, For(version), User.Actor(), change => StaffNotesApi.AddAsync(change, note), ct);
        return await AnswerAsync(id, result, note.Public ? "public-note" : "private-note", ct);
    }

    public async Task<IActionResult> OnPostUpdateAsync(string id, long version, string? status, string? agency, string? expected, CancellationToken ct)
    {
        if (await reads.FindAsync(id, Request, ct) is not { } current) return NotFound();
        // Only what the form changed is sent, as a PATCH would send it.
        var body = new PatchBody(
            status is { Length: > 0 } && status != current.Status ? new(true, false, status, false) : default,
            Changed(StatusNotes, current.StatusNotes), Changed(agency, current.AgencyResponsible), default,
            Changed(expected, current.ExpectedDatetime is { } e && dates.TryRead(e, out var ms) ? Local(ms) : null),
            default, default, default); // status_detail, duplicate_of, external_status_code: not on the console's form yet
        var (patch, problems) = body.Check(dates);
        if (patch is null)
            return problems.Any(p => p.Item1 == "body") ? Redirect($"/console/requests/{id}?done=nothing") : await RefuseAsync(id, "UpdateBad", ct);
        var result = await changes.ApplyAsync(id, For(version), User.Actor(), change => RequestLifecycle.ApplyAsync(change, patch), ct);
        return await AnswerAsync(id, result, patch.Status == "closed" ? "closed" : "updated", ct);
    }

    public async Task<IActionResult> OnPostPhotoAsync(string id, long version, IFormFile? file, string? title, string? visibility, CancellationToken ct)
    {
        if (file is null) return await RefuseAsync(id, "PhotoMissing", ct);
        var text = title?.Trim() ?? "";
        if (text.Length > 200) return await RefuseAsync(id, "PhotoTitleLong", ct);
        var (photo, problem) = await PhotoIntake.ReadAsync(file, photoOptions.Value, ct);
        if (problem is not null) return await RefuseAsync(id, "PhotoBad", ct);
        var result = await StaffPhotosApi.AddAsync(changes, files, id, For(version), User.Actor(), photo!, text, visibility == "public", ct);
        return await AnswerAsync(id, result, "photo", ct);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(string id, long version, long photo, CancellationToken ct)
    {
        var result = await StaffPhotosApi.RemoveAsync(changes, id, photo, For(version), User.Actor(), ct);
        if (result.Status == ChangeStatus.Done) files.Remove(result.Value!.FileName);
        return await AnswerAsync(id, result, "photo-removed", ct);
    }

    static IfMatch For(long version) => new(IfMatch.ETag(version));

    static Field<string> Sent(string? text) => new(true, false, text ?? "", false);

    // A form field as a PATCH field: left out when it says what the request already says.
    static Field<string> Changed(string? sent, string? now) =>
        (sent?.Trim() ?? "") == (now ?? "") ? default : new(true, string.IsNullOrWhiteSpace(sent), sent?.Trim(), false);

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
            default:
                if (!await ShowAsync(id, ct)) return NotFound();
                Conflict = History.LastOrDefault();
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
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
