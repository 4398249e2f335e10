using System.Data.Common;

namespace Open311;

// The one door to storage: open a connection to read, or run a unit of work in a transaction.
sealed class Database
{
    readonly Dialect dialect;
    readonly GroupCommit? group;

    public Database(Dialect dialect)
    {
        this.dialect = dialect;
        if (dialect.GroupsCommits) group = new GroupCommit(OpenAsync);
    }

    public Dialect Dialect => dialect;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = dialect.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    // Everything in `work` commits together or not at all, possibly with other writes (GroupCommit).
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        if (group is not null) return await group.WriteAsync(work, ct);
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync(async (c, t) => { await work(c, t); return true; }, ct);
}
