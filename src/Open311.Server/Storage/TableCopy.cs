using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Open311;

// One table from SQLite to PostgreSQL with binary COPY. The target's column types decide each value's
// conversion: SQLite keeps booleans as 0/1 and every integer as a 64-bit one.
static class TableCopy
{
    public static async Task CopyAsync(SqliteConnection from, NpgsqlConnection to, string table, CancellationToken ct)
    {
        var columns = (await to.QueryAsync<(string Name, string Type)>(
            """
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table AND data_type <> 'tsvector'
            ORDER BY ordinal_position
            """, new { table })).AsList();
        var names = string.Join(", ", columns.Select(c => c.Name));

        await using var read = from.CreateCommand();
        read.CommandText = $"SELECT {names} FROM {table}";
        await using var rows = await read.ExecuteReaderAsync(ct);
        await using var write = await to.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        while (await rows.ReadAsync(ct))
        {
            await write.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
                await WriteAsync(write, rows.GetValue(i), columns[i].Type, ct);
        }
        await write.CompleteAsync(ct);
    }

    static Task WriteAsync(NpgsqlBinaryImporter write, object value, string type, CancellationToken ct) => value is DBNull
        ? write.WriteNullAsync(ct)
        : type switch
        {
            "boolean" => write.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, ct),
            "bigint" => write.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct),
            "integer" => write.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, ct),
            "double precision" => write.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct),
            "text" => write.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, ct),
            "bytea" => write.WriteAsync((byte[])value, NpgsqlDbType.Bytea, ct), // idempotency_keys' kept answers
            _ => throw new InvalidOperationException($"The copy does not know the PostgreSQL type {type}."),
        };

    // Ids were copied as they were: each identity must go on after the largest one.
    public static async Task ResetIdentitiesAsync(NpgsqlConnection to, NpgsqlTransaction transaction)
    {
        var identities = await to.QueryAsync<(string Table, string Column)>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
            transaction: transaction);
        foreach (var (table, column) in identities)
            await to.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)",
                transaction: transaction);
    }
}
