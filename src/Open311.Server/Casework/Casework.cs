using System.Data.Common;

namespace Open311;

// Every change to an existing request, as named operations: the staff API, the console and FixMyStreet's comments
// call these and nothing else writes a request's rows. Each operation checks its input (Invalid with the problems,
// never an exception), takes the version the caller expects (IfMatch; Any for none), and writes the change, its
// notes, its history (request_changes, by the triggers) and its audit row in one transaction (RequestChanges).
sealed class Casework(RequestChanges changes, PhotoFiles files)
{
    // Any set of the fields of RequestPatch at once (PATCH /api/v1/requests/{id}, the console's update form): one
    // change, one audit row. The patch was built by a PatchDraft, so it is checked.
    public Task<ChangeResult<bool>> ChangeAsync(string id, IfMatch expected, Actor actor, RequestPatch patch, CancellationToken ct) =>
        changes.ApplyAsync(id, expected, actor, change => RequestLifecycle.ApplyAsync(change, patch), ct);

    // The status, or the extended status (status follows from it), with status notes and the external code.
    public Task<ChangeResult<bool>> ChangeStatusAsync(string id, IfMatch expected, Actor actor, string? status, string? statusDetail,
        string? statusNotes, string? externalStatusCode, CancellationToken ct) =>
        Checked(id, expected, actor, draft =>
        {
            if (status is not null) draft.Status(status);
            if (statusDetail is not null) draft.StatusDetail(statusDetail);
            if (externalStatusCode is not null) draft.Text("external_status_code", externalStatusCode);
            if (statusNotes is not null) draft.Text("status_notes", statusNotes);
        }, ct);

    // The agency responsible; null clears it.
    public Task<ChangeResult<bool>> SetAgencyAsync(string id, IfMatch expected, Actor actor, string? agency, CancellationToken ct) =>
        Checked(id, expected, actor, draft => draft.Text("agency_responsible", agency), ct);

    // The expected datetime, in Unix milliseconds; null clears it.
    public Task<ChangeResult<bool>> SetExpectedAsync(string id, IfMatch expected, Actor actor, long? expectedAt, CancellationToken ct) =>
        Checked(id, expected, actor, draft => draft.ExpectedAt(expectedAt), ct);

    // A duplicate of another request (404 Missing when that request is not there, or is this one).
    public Task<ChangeResult<bool>> MarkDuplicateAsync(string id, IfMatch expected, Actor actor, string original, string? statusNotes,
        CancellationToken ct) =>
        Checked(id, expected, actor, draft =>
        {
            draft.StatusDetail(StatusDetails.Duplicate);
            draft.DuplicateOf(original);
            if (statusNotes is not null) draft.Text("status_notes", statusNotes);
        }, ct);

    async Task<ChangeResult<bool>> Checked(string id, IfMatch expected, Actor actor, Action<PatchDraft> fill, CancellationToken ct)
    {
        var draft = new PatchDraft([]);
        fill(draft);
        return draft.Finish() is { } patch ? await ChangeAsync(id, expected, actor, patch, ct) : ChangeResult<bool>.Refused(draft.Problems);
    }

    // A note by staff, public or private.
    public Task<ChangeResult<NoteRow>> AddNoteAsync(string id, IfMatch expected, Actor actor, string? description, string? summary, bool isPublic,
        CancellationToken ct)
    {
        var draft = new NoteDraft([]);
        draft.Description(description);
        draft.Summary(summary);
        return draft.Finish(isPublic) is { } note ? AddNoteAsync(id, expected, actor, note, ct) : Task.FromResult(ChangeResult<NoteRow>.Refused(draft.Problems));
    }

    public Task<ChangeResult<NoteRow>> AddNoteAsync(string id, IfMatch expected, Actor actor, NewNote note, CancellationToken ct) =>
        changes.ApplyAsync(id, expected, actor, async change =>
        {
            var row = await change.AddNoteAsync("activity", note.Summary, note.Description, note.Public);
            await change.AuditAsync("note", row.Id.ToString(), "note added", new { @public = note.Public });
            return Step.Done(row);
        }, ct);

    public const int MaxPhotoTitle = 200;

    // A photo staff attach, public or private: its file is kept only if the change is made. The photo has passed
    // PhotoIntake's checks; the title is trimmed, and blank is none.
    public Task<ChangeResult<PhotoRow>> AddPhotoAsync(string id, IfMatch expected, Actor actor, CleanPhoto photo, string? title, bool isPublic,
        CancellationToken ct)
    {
        var text = title?.Trim() ?? "";
        if (text.Length > MaxPhotoTitle)
            return Task.FromResult(ChangeResult<PhotoRow>.Refused([new FieldProblem("title", Rules.TooLong, $"must be at most {MaxPhotoTitle} characters", MaxPhotoTitle)]));
        return files.KeepAsync([photo], stored => changes.ApplyAsync(id, expected, actor, async change =>
        {
            var photoId = await PhotoWrites.InsertAsync(change.Connection, change.Transaction, change.Row.Id, stored[0],
                text.Length == 0 ? null : text, isPublic, change.Now, change.Actor.KeyId);
            await change.AuditAsync("photo", photoId.ToString(), "photo added",
                new { @public = isPublic, content_type = stored[0].Photo.ContentType, byte_size = stored[0].Photo.Bytes.Length });
            return Step.Done((await PhotoRows.FindAsync(change.Connection, change.Transaction, change.Row.Id, photoId))!);
        }, ct), r => r.Status == ChangeStatus.Done, ct);
    }

    // A photo removed: its row in the change, its file once the change is committed.
    public async Task<ChangeResult<PhotoRow>> RemovePhotoAsync(string id, IfMatch expected, Actor actor, long photoId, CancellationToken ct)
    {
        var result = await changes.ApplyAsync(id, expected, actor, async change =>
        {
            var photo = await PhotoRows.FindAsync(change.Connection, change.Transaction, change.Row.Id, photoId);
            if (photo is null) return RequestChange.Missing<PhotoRow>($"Photo {photoId} of request {id}");
            await PhotoWrites.DeleteAsync(change.Connection, change.Transaction, photoId);
            await change.AuditAsync("photo", photoId.ToString(), "photo removed", new { @public = photo.Public });
            return Step.Done(photo);
        }, ct);
        if (result.Status == ChangeStatus.Done) files.Remove(result.Value!.FileName);
        return result;
    }

    // A resident's comment that a client (FixMyStreet) sends on: its note when it says something, its audit row, and a
    // reopening when its status asks for one and the comment may reopen. record writes the client's own row in the same
    // transaction and answers the update's id, or null when that row is already there (then the change is undone, and
    // Missing says so).
    public Task<ChangeResult<string>> CommentAsync(string id, Actor actor, ResidentComment comment, Func<CommentRecord, Task<string?>> record,
        CancellationToken ct) =>
        changes.ApplyAsync<string>(id, IfMatch.Any, actor, async change =>
        {
            if (await record(new CommentRecord(change.Connection, change.Transaction, change.Row.Id, change.Now)) is not { } updateId)
                return RequestChange.Missing<string>("an update_id sent twice at once");
            if (comment.Text is { Length: > 0 } text) await change.AddNoteAsync("activity", "Update from a resident", text, comment.Public);
            await change.AuditAsync("note", updateId, "client update", new { @public = comment.Public, status = comment.StatusDetail });
            var reopens = comment.StatusDetail is { } detail && StatusDetails.StatusOf(detail) == "open" && change.Row.Status == "closed";
            if (reopens && comment.MayReopen)
                await RequestLifecycle.ApplyAsync(change, RequestPatch.SetStatusDetail(StatusDetails.Reopened));
            return Step.Done(updateId);
        }, ct);
}

// A resident's comment: its text (may be empty), whether the note is public, the extended status the client sent, and
// whether a comment may reopen a closed request.
sealed record ResidentComment(string? Text, bool Public, string? StatusDetail, bool MayReopen);

// Where the caller of CommentAsync writes its own row: the change's connection and transaction, the request's row id
// and the change's time.
sealed record CommentRecord(DbConnection Connection, DbTransaction Transaction, long RequestId, long At);

static class CaseworkSetup
{
    public static IServiceCollection AddCasework(this IServiceCollection services) =>
        services.AddSingleton<RequestChanges>().AddSingleton<Casework>().AddSingleton<IRequestWriter, RequestStore>();
}
