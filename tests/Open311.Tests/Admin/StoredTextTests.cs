using System.Net;
using Dapper;

namespace Open311.Tests;

// `storage check` finds stored text that breaks the rule (written before it, or by hand) without printing it;
// `--fix` makes it U+FFFD, audited, and the request moves so sync clients see it.
public class StoredTextTests
{
    const string Email = "secret\u0002person@example.org";

    static async Task<(TestDatabase Database, string Id)> BadDataAsync()
    {
        var database = TestDatabase.Create();
        await using var app = new Open311App(database: database.Shared());
        var key = await app.KeyAsync();
        var (id, _) = await app.CreateClient().CreatePotholeAsync(key, ("email", "person@example.org"));
        await using var c = await app.Get<Database>().OpenAsync();
        await c.ExecuteAsync("UPDATE requests SET description = @d, email = @e", new { d = "pot\u0001hole\uFFFF", e = Email });
        await c.ExecuteAsync("UPDATE services SET service_name = @n WHERE service_code = (SELECT min(service_code) FROM services)", new { n = "bad\u001Fname" });
        return (database, id);
    }

    [Fact]
    public async Task TheDryRunReportsEachBadFieldByRowAndColumnWithoutItsValueAndChangesNothing()
    {
        var (database, _) = await BadDataAsync();
        using var owned = database;
        var (code, output, _) = await AdminCommandTests.RunAsync(database.ConnectionString, "storage", "check");
        Assert.Equal(1, code);
        Assert.Contains("requests 1 description: U+0001 at character 4 of 9", output);
        Assert.Contains("requests 1 email: U+0002 at character 7", output);
        Assert.Matches(@"services \d+ service_name: U\+001F", output);
        Assert.Contains("3 value(s) break the rule", output);
        Assert.DoesNotContain("secret", output);
        Assert.DoesNotContain("person", output);

        await using var app = new Open311App(database: database.Shared());
        await using var c = await app.Get<Database>().OpenAsync();
        Assert.Equal("pot\u0001hole\uFFFF", await c.ExecuteScalarAsync<string>("SELECT description FROM requests"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'text repaired'"));
    }

    [Fact]
    public async Task FixReplacesEachRefusedCharacterAuditsItAndMovesTheRequest()
    {
        var (database, id) = await BadDataAsync();
        using var owned = database;
        long before;
        await using (var app = new Open311App(database: database.Shared()))
        await using (var c = await app.Get<Database>().OpenAsync())
            before = await c.ExecuteScalarAsync<long>("SELECT version FROM requests");

        var fixedRun = await AdminCommandTests.RunAsync(database.ConnectionString, "storage", "check", "--fix");
        Assert.Equal(0, fixedRun.Code);
        Assert.Contains("3 value(s) repaired", fixedRun.Out);
        var again = await AdminCommandTests.RunAsync(database.ConnectionString, "storage", "check");
        Assert.Equal(0, again.Code);
        Assert.Contains("All stored text follows the rule.", again.Out);

        await using var after = new Open311App(database: database.Shared());
        await using var db = await after.Get<Database>().OpenAsync();
        var row = await db.QuerySingleAsync<(string Description, string Email, long Version)>("SELECT description, email, version FROM requests");
        Assert.Equal("pot\uFFFDhole\uFFFD", row.Description);
        Assert.Equal("secret\uFFFDperson@example.org", row.Email);
        Assert.Equal(before + 1, row.Version);
        var audits = (await db.QueryAsync<(string Entity, string Detail)>(
            "SELECT entity, detail FROM audit_log WHERE action = 'text repaired' ORDER BY id")).ToList();
        Assert.Equal(2, audits.Count);
        Assert.Contains(audits, a => a.Entity == "request" && a.Detail.Contains("\"description\"") && a.Detail.Contains("\"email\""));
        Assert.Contains(audits, a => a.Entity == "service" && a.Detail.Contains("service_name"));
        Assert.DoesNotContain(audits, a => a.Detail.Contains("secret"));

        var json = await after.CreateClient().FetchAsync($"/open311/v2/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal("pot\uFFFDhole\uFFFD", json.Json[0].GetProperty("description").GetString());
    }
}
