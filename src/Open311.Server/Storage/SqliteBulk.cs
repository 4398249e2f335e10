using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Open311;

// SQLite's bulk load: one prepared statement per table, bound and stepped through SQLite's own API for
// every row (ADO.NET's per-command work costs more than the insert itself at millions of rows).
static class SqliteBulk
{
    // A load is redone, not recovered: no fsync per batch, no foreign key lookups (the rows are made
    // consistent), and a big page cache for the indexes.
    public static Task BeginAsync(DbConnection connection) =>
        connection.ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");

    // What the load wrote reaches the database file itself, and the planner learns the tables' sizes.
    public static async Task EndAsync(DbConnection connection)
    {
        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
        await connection.ExecuteAsync("PRAGMA optimize = 0x10002;");
    }

    public static Task InsertAsync<T>(SqliteConnection c, Table<T> table, IReadOnlyList<T> rows, bool withIdentity)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var columns = table.Written(withIdentity);
        using var insert = new Statement(c.Handle!,
            $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(col => col.Name))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})");
        foreach (var row in rows)
        {
            foreach (var column in columns) insert.Bind(column.Kind, column.Get(row));
            insert.Run();
        }
        return Task.CompletedTask;
    }

    // A prepared statement whose parameters are bound in order, then run and reset for the next row.
    sealed class Statement : IDisposable
    {
        readonly sqlite3 db;
        readonly sqlite3_stmt statement;
        int next = 1;

        public Statement(sqlite3 db, string sql)
        {
            this.db = db;
            Check(raw.sqlite3_prepare_v2(db, sql, out statement));
        }

        public void Bind(ColumnKind kind, object? value)
        {
            Check(value switch
            {
                null => raw.sqlite3_bind_null(statement, next),
                string s => raw.sqlite3_bind_text(statement, next, s),
                double d => raw.sqlite3_bind_double(statement, next, d),
                bool b => raw.sqlite3_bind_int64(statement, next, b ? 1 : 0),
                _ when kind is ColumnKind.BigInt or ColumnKind.Int => raw.sqlite3_bind_int64(statement, next, Convert.ToInt64(value)),
                _ => throw new InvalidOperationException($"No SQLite binding for a {value.GetType().Name} in a {kind} column"),
            });
            next++;
        }

        public void Run()
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
            raw.sqlite3_reset(statement);
            next = 1;
        }

        void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
                throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        public void Dispose() => statement.Dispose();
    }
}
