using Dapper;

namespace Open311;

enum ColumnKind { Text, BigInt, Int, Real, Bool }

// A column as the code writes it: its name, its kind (how bulk loads send it), and the value it takes
// from a row. Personal columns are left out of the reads that public answers are made from.
sealed record Column<T>(string Name, ColumnKind Kind, Func<T, object?> Get, bool Personal = false);

// A table the code writes: its columns, in one place, for the live insert (Dapper parameters), the
// engines' bulk loads (Dialect.BulkInsertAsync) and the column lists of reads. The identity column, when
// there is one, is left to the database on a live insert and given by the row in a bulk load.
sealed class Table<T>(string name, string? identity, params Column<T>[] columns)
{
    public string Name => name;

    public IReadOnlyList<Column<T>> Columns => columns;

    IEnumerable<Column<T>> Inserted => columns.Where(c => c.Name != identity);

    // What a bulk load writes: every column, or all but the identity when the rows leave their ids to the database.
    public IReadOnlyList<Column<T>> Written(bool withIdentity) => withIdentity ? columns : Inserted.ToArray();

    readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> inserts = new();

    // INSERT INTO name (...) VALUES (@...), optionally RETURNING columns.
    public string InsertSql(string? returning = null) => inserts.GetOrAdd(returning ?? "", r =>
        $"INSERT INTO {name} ({string.Join(", ", Inserted.Select(c => c.Name))}) VALUES ({string.Join(", ", Inserted.Select(c => "@" + c.Name))})"
        + (r.Length == 0 ? "" : $" RETURNING {r}"));

    // The same insert, or on a clash with the unique `conflict` column an update of every column but it and `kept`.
    public string UpsertSql(string conflict, string[] kept, string returning) =>
        InsertSql() + $" ON CONFLICT ({conflict}) DO UPDATE SET "
        + string.Join(", ", Inserted.Where(c => c.Name != conflict && !kept.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}"))
        + $" RETURNING {returning}";

    public DynamicParameters Parameters(T row)
    {
        var args = new DynamicParameters();
        foreach (var c in Inserted) args.Add(c.Name, c.Get(row));
        return args;
    }

    // SELECT lists: every column but the personal ones, or every one; `alias.column` with an alias.
    public string PublicColumns(string? alias = null) => List(columns.Where(c => !c.Personal), alias);

    public string AllColumns(string? alias = null) => List(columns, alias);

    static string List(IEnumerable<Column<T>> some, string? alias) =>
        string.Join(", ", some.Select(c => alias is null ? c.Name : $"{alias}.{c.Name}"));
}

static class Col
{
    public static Column<T> Text<T>(string name, Func<T, string?> get, bool personal = false) => new(name, ColumnKind.Text, r => get(r), personal);
    public static Column<T> BigInt<T>(string name, Func<T, long?> get) => new(name, ColumnKind.BigInt, r => get(r));
    public static Column<T> Int<T>(string name, Func<T, int?> get) => new(name, ColumnKind.Int, r => get(r));
    public static Column<T> Real<T>(string name, Func<T, double?> get) => new(name, ColumnKind.Real, r => get(r));
    public static Column<T> Bool<T>(string name, Func<T, bool> get) => new(name, ColumnKind.Bool, r => get(r));
}
