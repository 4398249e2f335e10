namespace Open311;

// The tables a request's other parts live in, with their rows: its answers, its notes and the chain of
// its changes. Live writes, bulk loads and reads take the columns from here.
sealed class AnswerRow
{
    public long RequestId { get; init; }
    public string Code { get; init; } = "";
    public int Position { get; init; }
    public string Value { get; init; } = "";

    public static readonly Table<AnswerRow> Table = new("request_attributes", null,
        Col.BigInt<AnswerRow>("request_id", a => a.RequestId),
        Col.Text<AnswerRow>("code", a => a.Code),
        Col.Int<AnswerRow>("position", a => a.Position),
        Col.Text<AnswerRow>("value", a => a.Value));
}

// type is opened, activity or closed (Chicago/Austin notes); only public notes are ever shown publicly.
sealed class NoteRow
{
    public long Id { get; init; }
    public long RequestId { get; init; }
    public long CreatedAt { get; init; }
    public string Type { get; init; } = "activity";
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public bool Public { get; init; }
    public long? ApiKeyId { get; init; }

    public static readonly Table<NoteRow> Table = new("request_notes", "id",
        Col.BigInt<NoteRow>("id", n => n.Id),
        Col.BigInt<NoteRow>("request_id", n => n.RequestId),
        Col.BigInt<NoteRow>("created_at", n => n.CreatedAt),
        Col.Text<NoteRow>("type", n => n.Type),
        Col.Text<NoteRow>("summary", n => n.Summary),
        Col.Text<NoteRow>("description", n => n.Description),
        Col.Bool<NoteRow>("public", n => n.Public),
        Col.BigInt<NoteRow>("api_key_id", n => n.ApiKeyId));

    public static readonly string Columns = Table.AllColumns();
}

// One link of a request's chain of changes (migration 0002): written by the database's triggers on every
// live change, and by bulk loads, which suspend the triggers, as RequestLoad.ChangeChain makes it.
// Each link also keeps the request's status at that change (migration 0005), which the updates feed shows.
sealed record ChangeRow(long RequestId, long ChangedAt, long? PrevAt, string? StatusDetail = null, string? ExternalStatusCode = null)
{
    public static readonly Table<ChangeRow> Table = new("request_changes", null,
        Col.BigInt<ChangeRow>("request_id", c => c.RequestId),
        Col.BigInt<ChangeRow>("changed_at", c => c.ChangedAt),
        Col.BigInt<ChangeRow>("prev_at", c => c.PrevAt),
        Col.Text<ChangeRow>("status_detail", c => c.StatusDetail),
        Col.Text<ChangeRow>("external_status_code", c => c.ExternalStatusCode));
}
