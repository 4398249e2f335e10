using Dapper;

namespace Open311.Tests;

// Writes that come together may commit together (GroupCommit on SQLite), but each stays its own:
// one that fails is rolled back alone, and its caller alone gets the error.
public class GroupCommitTests
{
    [Fact]
    public async Task AFailingWriteAmongManyIsRolledBackAloneAndTheOthersCommit()
    {
        await using var app = new Open311App();
        app.CreateClient();
        var db = app.Get<Database>();
        var writes = Enumerable.Range(0, 60).Select(i => db.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO settings (name, value) VALUES (@name, 'x')", new { name = $"group-{i}" }, t);
            if (i % 7 == 0) throw new InvalidOperationException($"write {i} fails after its insert");
            return i;
        })).ToList();

        for (var i = 0; i < writes.Count; i++)
            if (i % 7 == 0) Assert.Equal($"write {i} fails after its insert", (await Assert.ThrowsAsync<InvalidOperationException>(() => writes[i])).Message);
            else Assert.Equal(i, await writes[i]);

        await using var connection = await db.OpenAsync();
        var kept = (await connection.QueryAsync<string>("SELECT name FROM settings WHERE name LIKE 'group-%'")).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 60).Where(i => i % 7 != 0).Select(i => $"group-{i}").ToHashSet(), kept);
    }
}
