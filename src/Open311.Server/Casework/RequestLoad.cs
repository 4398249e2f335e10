namespace Open311;

// A request as a bulk load writes it (`seed`): its row, answers and notes, and the times of the changes
// after its creation. It is written the way the API would have left it: a change row per change, as the
// triggers keep them (the triggers stand aside during the load), and a search document.
sealed record RequestLoad(RequestRow Row, IReadOnlyList<AnswerRow> Answers, IReadOnlyList<NoteRow> Notes, IReadOnlyList<long> Changes)
{
    // The chain of request_changes (migration 0002): each change with the one before it. A load knows the
    // status of the last change alone (the row's); the ones before it are written as submitted.
    public IEnumerable<ChangeRow> ChangeChain()
    {
        long? previous = null;
        var all = Changes.Prepend(Row.RequestedAt).ToList();
        foreach (var (at, i) in all.Select((at, i) => (at, i)))
        {
            var last = i == all.Count - 1;
            yield return new ChangeRow(Row.Id, at, previous, last ? Row.StatusDetail : StatusDetails.Submitted, last ? Row.ExternalStatusCode : null);
            previous = at;
        }
    }

    // A batch of whole requests, ids in order, in the caller's transaction.
    public static async Task WriteAsync(Dialect dialect, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction t,
        IReadOnlyList<RequestLoad> batch, CancellationToken ct)
    {
        await dialect.SuspendChangeLogAsync(c, t);
        await dialect.BulkInsertAsync(c, t, RequestRow.Table, batch.Select(r => r.Row).ToList(), withIdentity: true, ct);
        await dialect.BulkInsertAsync(c, t, AnswerRow.Table, batch.SelectMany(r => r.Answers).ToList(), withIdentity: true, ct);
        await dialect.BulkInsertAsync(c, t, NoteRow.Table, batch.SelectMany(r => r.Notes).ToList(), withIdentity: false, ct);
        await dialect.BulkInsertAsync(c, t, ChangeRow.Table, batch.SelectMany(r => r.ChangeChain()).ToList(), withIdentity: true, ct);
        await dialect.ResumeChangeLogAsync(c, t);
        await dialect.IndexNewRequestsAsync(c, t, batch[0].Row.Id, batch[^1].Row.Id);
    }
}
