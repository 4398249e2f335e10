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

    public static async Task<IResult> AddNote(string id, HttpContext http, Casework casework, StaffRequestReads reads, CancellationToken ct)
    {
        var (body, problem) = await StaffJson.ReadAsync<NoteBody>(http.Request, ct);
        if (body is null) return problem!;
        var (note, problems) = body.Check();
        if (note is null) return Problems.Invalid(problems);

        var result = await casework.AddNoteAsync(id, IfMatch.From(http.Request), http.Caller().Actor, note, ct);
        if (StaffChanges.Refusal(result, id, http) is { } refused) return refused;
        return Results.Created($"/api/v1/requests/{id}", reads.Note(result.Value!));
    }
}

// The body of POST notes.
sealed record NoteBody(Field<string> Description, Field<string> Summary, Field<bool> Public)
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    public (NewNote? Note, List<(string, string)> Problems) Check()
    {
        var draft = new NoteDraft([]);
        foreach (var name in StaffJson.Unknown(Extra)) draft.Refuse(name, Rules.Unknown, "is not a field of a note");
        if (Description.Wrong) draft.Refuse("description", Rules.WrongType, "must be a string");
        else draft.Description(Description.Value);
        if (Summary.Wrong) draft.Refuse("summary", Rules.WrongType, "must be a string");
        else draft.Summary(Summary.Value);
        if (Public.Wrong || Public.IsNull) draft.Refuse("public", Rules.WrongType, "must be true or false");
        return (draft.Finish(Public.Value), draft.Problems.Select(p => (p.Field, p.Problem)).ToList());
    }
}
