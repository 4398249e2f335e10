using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Open311;

// SQLite's bulk load: one prepared statement per table, bound and stepped through SQLite's own API for
// every row (ADO.NET's per-command work costs more than the insert itself at millions of rows).
static class SqliteLoad
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

    public static Task WriteAsync(SqliteConnection c, IReadOnlyList<RequestLoad> batch)
    {
        var db = c.Handle!;
        using var request = new Statement(db, """
            INSERT INTO requests (id, service_request_id, token, service_id, status, status_notes, description, agency_responsible,
                requested_at, updated_at, expected_at, address, zipcode, lat, lon, channel, email, phone, first_name, last_name, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """);
        using var answer = new Statement(db, "INSERT INTO request_attributes (request_id, code, position, value) VALUES (?, ?, ?, ?)");
        using var note = new Statement(db,
            "INSERT INTO request_notes (request_id, created_at, type, summary, description, public) VALUES (?, ?, ?, ?, ?, ?)");
        using var change = new Statement(db, "INSERT INTO request_changes (request_id, changed_at, prev_at) VALUES (?, ?, ?)");
        // The insert trigger wrote the last change as if it were the first (prev_at NULL): it gets its predecessor.
        using var lastChange = new Statement(db, "UPDATE request_changes SET prev_at = ? WHERE request_id = ? AND changed_at = ?");

        foreach (var r in batch)
        {
            request.Bind(r.Id).Bind(r.ServiceRequestId).Bind(r.Token).Bind(r.ServiceId).Bind(r.Status).Bind(r.StatusNotes)
                .Bind(r.Description).Bind(r.AgencyResponsible).Bind(r.RequestedAt).Bind(r.UpdatedAt).Bind(r.ExpectedAt)
                .Bind(r.Address).Bind(r.Zipcode).Bind(r.Lat).Bind(r.Lon).Bind(r.Channel).Bind(r.Email).Bind(r.Phone)
                .Bind(r.FirstName).Bind(r.LastName).Bind(r.Version).Run();
            foreach (var a in r.Answers) answer.Bind(r.Id).Bind(a.Code).Bind(a.Position).Bind(a.Value).Run();
            foreach (var n in r.Notes) note.Bind(r.Id).Bind(n.CreatedAt).Bind(n.Type).Bind(n.Summary).Bind(n.Description).Bind(n.Public ? 1 : 0).Run();
            if (r.Changes.Count == 0) continue;
            foreach (var (at, prev) in r.ChangeChain().SkipLast(1)) change.Bind(r.Id).Bind(at).Bind(prev).Run();
            lastChange.Bind(r.Changes.Count > 1 ? r.Changes[^2] : r.RequestedAt).Bind(r.Id).Bind(r.UpdatedAt).Run();
        }
        // The batch's search documents, built by the same SQL as IndexRequestAsync.
        using var index = new Statement(db, SqliteDialect.AddSearchDocuments + " WHERE r.id BETWEEN ? AND ?");
        index.Bind(batch[0].Id).Bind(batch[^1].Id).Run();
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

        public Statement Bind(long value) => Bound(raw.sqlite3_bind_int64(statement, next, value));
        public Statement Bind(long? value) => value is { } v ? Bind(v) : Bound(raw.sqlite3_bind_null(statement, next));
        public Statement Bind(double? value) => Bound(value is { } v ? raw.sqlite3_bind_double(statement, next, v) : raw.sqlite3_bind_null(statement, next));
        public Statement Bind(string? value) => Bound(value is null ? raw.sqlite3_bind_null(statement, next) : raw.sqlite3_bind_text(statement, next, value));

        public void Run()
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
            raw.sqlite3_reset(statement);
            next = 1;
        }

        Statement Bound(int rc)
        {
            Check(rc);
            next++;
            return this;
        }

        void Check(int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
                throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }

        public void Dispose() => statement.Dispose();
    }
}
