using System.Data.Common;
using Dapper;

namespace Open311;

// `storage check --fix` on a row of a request's tables (Admin's StoredText finds the rows): the repaired text set, and
// the request moved as after any change (version, updated_at, so sync clients see it and its ETag changes; its search
// text rebuilt), in the caller's transaction, which writes the audit row.
static class TextRepairs
{
    public static readonly string[] Tables = ["requests", "request_attributes", "request_notes", "request_photos"];

    // keys name the row (column, value); columns are the repaired values. Table and column names come from
    // StoredText's fixed list, never from stored data.
    public static async Task RepairAsync(DbConnection c, DbTransaction t, Dialect dialect, string table, IReadOnlyDictionary<string, object> keys,
        long requestId, IReadOnlyList<(string Column, string Value)> columns, long now)
    {
        if (!Tables.Contains(table)) throw new ArgumentException($"{table} is not a table of a request", nameof(table));
        var args = new DynamicParameters();
        foreach (var (k, v) in keys) args.Add("key_" + k, v);
        for (var i = 0; i < columns.Count; i++) args.Add($"v{i}", columns[i].Value);
        var set = string.Join(", ", columns.Select((col, i) => $"{col.Column} = @v{i}"));
        var where = string.Join(" AND ", keys.Keys.Select(k => $"{k} = @key_{k}"));
        await c.ExecuteAsync($"UPDATE {table} SET {set} WHERE {where}", args, t);
        await c.ExecuteAsync($"UPDATE requests SET {RequestRow.Touch} WHERE id = @request", new { now, request = requestId }, t);
        await dialect.IndexRequestAsync(c, t, requestId);
    }
}
