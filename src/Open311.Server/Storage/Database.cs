using System.Data.Common;

namespace Open311;

// The one door to storage: open a connection to read, or run a unit of work in a transaction.
sealed class Database
{
    readonly Dialect dialect;
    readonly GroupCommit? group;

    public Database(Dialect dialect, TuningOptions tuning)
    {
        this.dialect = dialect;
        if (dialect.GroupsCommits) group = new GroupCommit(OpenAsync, tuning.GroupCommitBatch);
    }

    public Dialect Dialect => dialect;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = dialect.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    // Everything in `work` commits together or not at all, possibly with other writes (GroupCommit).
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default) =>
        WriteOrUndoAsync(async (c, t) => (await work(c, t), true), ct);

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync(async (c, t) => { await work(c, t); return true; }, ct);

    // The same for work that may find it must not happen after all (something it changes is not there):
    // what it wrote is undone when it answers Keep = false, and its value is returned all the same.
    public async Task<T> WriteOrUndoAsync<T>(Func<DbConnection, DbTransaction, Task<(T Value, bool Keep)>> work, CancellationToken ct = default)
    {
        if (group is not null) return await group.WriteAsync(work, ct);
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (value, keep) = await work(connection, transaction);
        if (keep) await transaction.CommitAsync(ct);
        else await transaction.RollbackAsync(ct);
        return value;
    }
}
