namespace Open311;

// A note staff add to a request: its text, an optional summary, public or private.
sealed record NewNote(string Description, string? Summary, bool Public)
{
    public const int MaxSummary = 200;
}

// A NewNote built field by field, each checked as it is set (the staff API's body and the console's form alike);
// a front door adds its own problems of the wire with Refuse, so that they keep their place in the list.
sealed class NoteDraft(List<FieldProblem> problems)
{
    string? description;
    string? summary;

    public List<FieldProblem> Problems => problems;

    public void Refuse(string field, string rule, string problem, object? limit = null) => problems.Add(new FieldProblem(field, rule, problem, limit));

    // Required: null or blank is refused.
    public void Description(string? text)
    {
        description = Trimmed("description", text, Submission.MaxDescription);
        if (description is null && !problems.Any(p => p.Field == "description")) Refuse("description", Rules.Required, "is required");
    }

    public void Summary(string? text) => summary = Trimmed("summary", text, NewNote.MaxSummary);

    public NewNote? Finish(bool isPublic) => problems.Count > 0 ? null : new NewNote(description!, summary, isPublic);

    // Trimmed text of at most max characters; null when null or blank.
    string? Trimmed(string field, string? value, int max)
    {
        if (value is null) return null;
        var text = value.Trim();
        if (text.Length > max) { Refuse(field, Rules.TooLong, $"must be at most {max} characters", max); return null; }
        return text.Length == 0 ? null : text;
    }
}
