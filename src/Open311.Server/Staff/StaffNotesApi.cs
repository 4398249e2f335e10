using System.Text.Json;

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
        var (body, problem) = await StaffJson.ReadAsync(http.Request, ct);
        if (problem is not null) return problem;
        var (note, problems) = Parse(body);
        if (note is null) return Problems.Invalid(problems);

        var result = await changes.ApplyAsync(id, IfMatch.From(http.Request), http.Caller().Actor, async change =>
        {
            var row = await change.AddNoteAsync("activity", note.Summary, note.Description, note.Public);
            await change.AuditAsync("note", row.Id.ToString(), "note added", new { @public = note.Public });
            return row;
        }, ct);
        if (RequestChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Created($"/api/v1/requests/{id}", reads.Note(result.Value!));
    }

    static (NoteBody? Note, List<(string, string)> Problems) Parse(JsonElement body)
    {
        var problems = new List<(string, string)>();
        foreach (var name in body.Unknown("description", "summary", "public")) problems.Add((name, "is not a field of a note"));
        var description = Text(body, "description", Submission.MaxDescription, problems);
        if (description is null && !problems.Any(p => p.Item1 == "description")) problems.Add(("description", "is required"));
        var summary = Text(body, "summary", 200, problems);
        var isPublic = false;
        if (body.TryGetProperty("public", out var flag))
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False) isPublic = flag.GetBoolean();
            else problems.Add(("public", "must be true or false"));
        }
        return problems.Count > 0 ? (null, problems) : (new NoteBody(description!, summary, isPublic), problems);
    }

    static string? Text(JsonElement body, string field, int max, List<(string, string)> problems)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) { problems.Add((field, "must be a string")); return null; }
        var text = value.GetString()!.Trim();
        if (text.Length > max) { problems.Add((field, $"must be at most {max} characters")); return null; }
        return text.Length == 0 ? null : text;
    }
}

sealed record NoteBody(string Description, string? Summary, bool Public);
