namespace Open311;

// A request as a bulk load writes it (`seed`): its row, answers, notes, and the times of the changes
// after its creation. The dialects write these the way the API would have left them: a change row per
// change (request_changes, as the triggers keep it) and a search document (as IndexRequestAsync builds it).
sealed record RequestLoad(
    long Id,
    string ServiceRequestId,
    string Token,
    long ServiceId,
    string Status,
    string? StatusNotes,
    string? Description,
    string? AgencyResponsible,
    long RequestedAt,
    long? ExpectedAt,
    string? Address,
    string? Zipcode,
    double? Lat,
    double? Lon,
    string Channel,
    string? Email,
    string? FirstName,
    string? LastName,
    string? Phone,
    IReadOnlyList<AnswerLoad> Answers,
    IReadOnlyList<NoteLoad> Notes,
    IReadOnlyList<long> Changes)
{
    // The last change, or the creation: what requests.updated_at holds.
    public long UpdatedAt => Changes.Count > 0 ? Changes[^1] : RequestedAt;

    // Every change moves the version, as RequestRow.Touch does.
    public long Version => 1 + Changes.Count;

    // The chain of request_changes (migration 0002): each change with the one before it.
    public IEnumerable<(long ChangedAt, long? PrevAt)> ChangeChain()
    {
        long? previous = null;
        foreach (var at in Changes.Prepend(RequestedAt))
        {
            yield return (at, previous);
            previous = at;
        }
    }
}

sealed record AnswerLoad(string Code, int Position, string Value);

sealed record NoteLoad(long CreatedAt, string Type, string? Summary, string? Description, bool Public);
