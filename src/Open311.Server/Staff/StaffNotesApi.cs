using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// POST /api/v1/requests/{id}/notes: a public note shows in the public API's notes (extensions=true)
// and in full-text search; a private note only here.
static class StaffNotesApi
{
    public static void MapStaffNotes(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/requests/{id}/notes", AddNote).WithName("StaffAddNote")
            .WithSummary("Add a note: description, optional summary, public true or false (default false)")
            .Accepts<NoteBody>("application/json")
            .Produces<StaffNote>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(412);
    }

    public static async Task<IResult> AddNote(string id, HttpContext http, RequestChanges changes, StaffRequestReads reads, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<NoteBody>(http.Request, ct);
        if (body is null) return problem!;
        var (note, problems) = body.Check();
        if (note is null) return Problems.Invalid(problems);

        var result = await changes.ApplyAsync(id, IfMatch.From(http.Request), http.Caller().Actor, change => AddAsync(change, note), ct);
        if (RequestChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Created($"/api/v1/requests/{id}", reads.Note(result.Value!));
    }

    // The note itself, for POST notes and the console's request page alike.
    public static async Task<Step<NoteRow>> AddAsync(RequestChange change, NewNote note)
    {
        var row = await change.AddNoteAsync("activity", note.Summary, note.Description, note.Public);
        await change.AuditAsync("note", row.Id.ToString(), "note added", new { @public = note.Public });
        return Step.Done(row);
    }
}

sealed record NewNote(string Description, string? Summary, bool Public);

// The body of POST notes.
sealed record NoteBody(Field<string> Description, Field<string> Summary, Field<bool> Public)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public (NewNote? Note, List<(string, string)> Problems) Check()
    {
        var problems = new List<(string, string)>();
        foreach (var name in StaffJson.Unknown(Extra)) problems.Add((name, "is not a field of a note"));
        var description = StaffText.Check("description", Description, Submission.MaxDescription, problems);
        if (description is null && !problems.Any(p => p.Item1 == "description")) problems.Add(("description", "is required"));
        var summary = StaffText.Check("summary", Summary, 200, problems);
        if (Public.Wrong || Public.IsNull) problems.Add(("public", "must be true or false"));
        return problems.Count > 0 ? (null, problems) : (new NewNote(description!, summary, Public.Value), problems);
    }
}

static class StaffText
{
    // Trimmed text of at most max characters; null when left out, null or empty.
    public static string? Check(string field, Field<string> value, int max, List<(string, string)> problems)
    {
        if (!value.Sent || value.IsNull) return null;
        if (value.Wrong) { problems.Add((field, "must be a string")); return null; }
        var text = value.Value!.Trim();
        if (text.Length > max) { problems.Add((field, $"must be at most {max} characters")); return null; }
        return text.Length == 0 ? null : text;
    }
}
