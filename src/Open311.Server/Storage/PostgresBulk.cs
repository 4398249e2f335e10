using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Open311;

// PostgreSQL's bulk load: binary COPY, each value sent as its column's type.
static class PostgresBulk
{
    // Identities go on after the loaded ids; the planner learns the new sizes.
    public static async Task EndAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using (var t = await c.BeginTransactionAsync(ct))
        {
            await TableCopy.ResetIdentitiesAsync(c, t);
            await t.CommitAsync(ct);
        }
        await c.ExecuteAsync("VACUUM ANALYZE", commandTimeout: 0);
    }

    public static async Task InsertAsync<T>(NpgsqlConnection c, Table<T> table, IReadOnlyList<T> rows, bool withIdentity, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var columns = table.Written(withIdentity);
        await using var copy = await c.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", columns.Select(col => col.Name))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Get(row);
                if (value is null) await copy.WriteNullAsync(ct);
                else await WriteAsync(copy, column.Kind, value, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    static Task WriteAsync(NpgsqlBinaryImporter copy, ColumnKind kind, object value, CancellationToken ct) => kind switch
    {
        ColumnKind.Text => copy.WriteAsync((string)value, NpgsqlDbType.Text, ct),
        ColumnKind.BigInt => copy.WriteAsync(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct),
        ColumnKind.Int => copy.WriteAsync(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Integer, ct),
        ColumnKind.Real => copy.WriteAsync((double)value, NpgsqlDbType.Double, ct),
        _ => copy.WriteAsync((bool)value, NpgsqlDbType.Boolean, ct),
    };
}
