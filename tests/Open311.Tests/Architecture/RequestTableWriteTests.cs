using System.Text.RegularExpressions;

namespace Open311.Tests;

// No folder but Casework writes a request's tables (requests, request_notes, request_photos, request_attributes):
// every source file of the server is searched for SQL that inserts, updates or deletes their rows, and for the
// Table<T> writes of their row types (a live insert, an upsert, a bulk load). What is left outside Casework is named
// here with its reason: the engines' search index (a column derived from the rows, rebuilt inside Casework's
// transactions).
[Trait("Storage", "none")]
public partial class RequestTableWriteTests
{
    static readonly string Source = Path.Combine(FindRoot(), "src", "Open311.Server");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Open311.slnx) was not found above the test's folder.");
    }

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(requests|request_notes|request_photos|request_attributes)\b(?!\s+r\s+SET\s+search\b)")]
    private static partial Regex Sql();

    [GeneratedRegex(@"\b(RequestRow|NoteRow|AnswerRow|PhotoRow)\.Table\.(InsertSql|UpsertSql)|BulkInsertAsync\([^;]*\b(RequestRow|NoteRow|AnswerRow|PhotoRow)\.Table\b")]
    private static partial Regex TableWrite();

    public static IEnumerable<(string File, int Line, string Text)> Writes(string text, string file) =>
        text.Split('\n').Select((line, i) => (file, i + 1, line.Trim()))
            .Where(l => Sql().IsMatch(l.Item3) || TableWrite().IsMatch(l.Item3));

    [Fact]
    public void OnlyCaseworkWritesTheRequestTables()
    {
        var files = Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Source, f))
            .Where(f => !f.StartsWith("bin", StringComparison.Ordinal) && !f.StartsWith("obj", StringComparison.Ordinal))
            .ToList();
        var inCasework = files.Where(f => f.StartsWith("Casework" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        // The search sees what it should: Casework's own writes are found.
        Assert.True(inCasework.SelectMany(f => Writes(File.ReadAllText(Path.Combine(Source, f)), f)).Count() >= 5,
            "the search found too few writes in Casework/: its patterns no longer match the code");
        var outside = files.Except(inCasework).SelectMany(f => Writes(File.ReadAllText(Path.Combine(Source, f)), f))
            .Select(w => $"{w.File}:{w.Line}: {w.Text}").ToList();
        Assert.True(outside.Count == 0, "writes to a request's tables outside Casework/:\n" + string.Join("\n", outside));
    }

    // The search itself, as a table: what counts as a write and what does not.
    [Theory]
    [InlineData("c.ExecuteAsync(\"DELETE FROM request_photos WHERE id = @photoId\")", true)]
    [InlineData("$\"UPDATE requests SET {RequestRow.Touch} WHERE id = @id\"", true)]
    [InlineData("INSERT INTO request_notes (request_id) VALUES (1)", true)]
    [InlineData("c.ExecuteScalarAsync<long>(RequestRow.Table.InsertSql(returning: \"id\"), RequestRow.Table.Parameters(row), t);", true)]
    [InlineData("await dialect.BulkInsertAsync(c, t, NoteRow.Table, notes, withIdentity: false, ct);", true)]
    [InlineData("SELECT id FROM requests WHERE service_request_id = @id", false)]
    [InlineData("DELETE FROM requests_fts WHERE rowid = @requestId", false)]
    [InlineData("UPDATE requests r SET search = d.search FROM request_documents d WHERE d.id = r.id", false)]
    [InlineData("// staff update requests through Casework", false)]
    [InlineData("await dialect.BulkInsertAsync(c, t, ServiceRow.Table, rows, withIdentity: true, ct);", false)]
    public void TheSearchTellsAWriteFromARead(string line, bool write) =>
        Assert.Equal(write, Writes(line, "x.cs").Any());
}
