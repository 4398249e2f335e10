using System.Data.Common;
using System.Threading.Channels;

namespace Open311;

// SQLite writes one transaction at a time, PostgreSQL's creations queue on the year's sequence row, and
// each commit waits for the disk. An instance's writes that arrive while another is being written are run
// together in one transaction, each in a savepoint of its own (one
// that fails, or undoes itself, is rolled back alone and its caller gets the error or its answer), then committed once; every caller is
// answered after the commit that made its write durable. One writer drains the queue while it has work.
sealed class GroupCommit(Func<CancellationToken, Task<DbConnection>> open, int maxBatch)
{

    sealed record Unit(Func<DbConnection, DbTransaction, Task<(object? Value, bool Keep)>> Work, TaskCompletionSource<object?> Done, CancellationToken Ct);

    readonly Channel<Unit> queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    int writing;

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<(T Value, bool Keep)>> work, CancellationToken ct)
    {
        var unit = new Unit(async (c, t) =>
        {
            var (value, keep) = await work(c, t);
            return (value, keep);
        }, new(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        queue.Writer.TryWrite(unit);
        if (Interlocked.CompareExchange(ref writing, 1, 0) == 0) _ = Task.Run(DrainAsync, CancellationToken.None);
        return (T)(await unit.Done.Task)!;
    }

    async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<Unit>();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var unit))
                if (!unit.Done.Task.IsCompleted && unit.Ct.IsCancellationRequested) unit.Done.TrySetCanceled(unit.Ct);
                else batch.Add(unit);
            if (batch.Count > 0)
            {
                await RunAsync(batch);
                continue;
            }
            Volatile.Write(ref writing, 0);
            // A write queued after the last read, but before the flag was down, started no writer: go on for it.
            if (!queue.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref writing, 1, 0) != 0) return;
        }
    }

    async Task RunAsync(List<Unit> batch)
    {
        var outcomes = new List<(Unit Unit, object? Result, Exception? Error)>(batch.Count);
        try
        {
            await using var connection = await open(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var unit in batch)
            {
                await transaction.SaveAsync("unit");
                try
                {
                    var (value, keep) = await unit.Work(connection, transaction);
                    // A unit that undoes itself is rolled back alone, like one that failed, and answered with its value.
                    if (!keep) await transaction.RollbackAsync("unit");
                    await transaction.ReleaseAsync("unit");
                    outcomes.Add((unit, value, null));
                }
                catch (Exception e)
                {
                    await transaction.RollbackAsync("unit");
                    await transaction.ReleaseAsync("unit");
                    outcomes.Add((unit, null, e));
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // Nothing was committed: every write of the batch failed with it.
            foreach (var unit in batch) unit.Done.TrySetException(e);
            return;
        }
        foreach (var (unit, result, error) in outcomes)
            if (error is null) unit.Done.TrySetResult(result);
            else unit.Done.TrySetException(error);
    }
}
