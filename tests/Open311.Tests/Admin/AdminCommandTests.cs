using System.Net;

namespace Open311.Tests;

// The admin commands, run as an operator runs them: the server's own executable in another process,
// configured by the same environment variables as the server.
public class AdminCommandTests
{
    internal static Task<(int Code, string Out, string Error)> RunAsync(string connectionString, params string[] args) =>
        AdminProcess.RunAsync(connectionString, null, args);

    [Fact]
    public async Task KeysCreatePrintsTheKeyAloneOnItsLastLineOnABrandNewDatabase()
    {
        using var database = TestDatabase.Create();
        var (code, output, _) = await RunAsync(database.ConnectionString, "keys", "create", "--name", "Pipeline", "--role", "client", "--per-minute", "120");
        Assert.Equal(0, code);
        var key = output.TrimEnd().Split('\n').Last();
        Assert.Matches("^o311_[A-Za-z0-9_-]{43}$", key);

        await using var app = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString });
        var client = app.CreateClient();
        var reply = await client.PostFormAsync("/open311/v2/requests.json", Fixtures.Pothole(key));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("120", reply.Header("RateLimit-Limit"));
    }

    [Fact]
    public async Task KeysCanBeListedChangedAndRevoked()
    {
        using var database = TestDatabase.Create();
        var created = await RunAsync(database.ConnectionString, "keys", "create", "--name", "Mobile app");
        var key = created.Out.TrimEnd().Split('\n').Last();

        var listed = await RunAsync(database.ConnectionString, "keys", "list");
        Assert.Equal(0, listed.Code);
        Assert.Contains("Mobile app", listed.Out);
        Assert.Contains("default", listed.Out);
        Assert.DoesNotContain(key, listed.Out);

        var set = await RunAsync(database.ConnectionString, "keys", "set", "1", "--per-minute", "300", "--role", "staff");
        Assert.Equal(0, set.Code);
        Assert.Contains("staff, 300 per minute", set.Out);

        Assert.Equal(0, (await RunAsync(database.ConnectionString, "keys", "revoke", "1")).Code);
        Assert.Contains("revoked", (await RunAsync(database.ConnectionString, "keys", "list")).Out);
        Assert.Equal(1, (await RunAsync(database.ConnectionString, "keys", "revoke", "1")).Code);

        await using var app = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString });
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().FetchAsync("/open311/v2/services.json", bearer: key)).Status);
    }

    [Theory]
    [InlineData("keys create")]
    [InlineData("keys create --name x --role emperor")]
    [InlineData("keys create --name x --per-minute 0")]
    [InlineData("keys set notanumber")]
    public async Task BadArgumentsFailWithAMessage(string arguments)
    {
        using var database = TestDatabase.Create();
        var (code, _, error) = await RunAsync(database.ConnectionString, arguments.Split(' '));
        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task PhotosSweepRunsAgainstTheConfiguredStore()
    {
        using var database = TestDatabase.Create();
        var (code, output, _) = await RunAsync(database.ConnectionString, "photos", "sweep", "--dry-run");
        Assert.Equal(0, code);
        Assert.Contains("0 unnamed file(s) would be removed", output);
    }

    [Fact]
    public async Task SeedFillsTheStoreAndShowsItsProgressOnStandardError()
    {
        using var database = TestDatabase.Create();
        var (code, output, error) = await RunAsync(database.ConnectionString, "seed", "--requests", "30", "--seed", "2");
        Assert.Equal(0, code);
        Assert.Equal("Seeded 30 requests.", output.TrimEnd().Split('\n').Last());
        Assert.Contains("seed: 30 of 30 requests (100%)", error);

        await using var app = new Open311App(new() { ["Open311:Storage:ConnectionString"] = database.ConnectionString });
        var client = app.CreateClient();
        var now = DateTimeOffset.UtcNow; // the command seeded relative to the real clock
        var found = 0;
        for (var from = now.AddDays(-731); from < now; from = from.AddDays(90))
            found += (await client.FetchAsync($"/open311/v2/requests.json?start_date={from:yyyy-MM-dd}&end_date={from.AddDays(89):yyyy-MM-dd}&per_page=100")).Ids().Count;
        Assert.Equal(30, found);
        Assert.NotEqual(0, (await RunAsync(database.ConnectionString, "seed", "--requests", "0")).Code);
    }

    [Fact]
    public async Task HelpListsTheCommands()
    {
        using var database = TestDatabase.Create();
        var (code, output, _) = await RunAsync(database.ConnectionString, "--help");
        Assert.Equal(0, code);
        Assert.Contains("keys", output);
        Assert.Contains("serve", output);
    }
}
