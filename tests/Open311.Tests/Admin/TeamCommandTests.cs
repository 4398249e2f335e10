namespace Open311.Tests;

// `teams` as an operator scripts it: the server's own executable, the same checks as the staff API.
public class TeamCommandTests
{
    static Task<(int Code, string Out, string Error)> RunAsync(string connectionString, params string[] args) =>
        AdminProcess.RunAsync(connectionString, null, args);

    [Fact]
    public async Task TeamsAreCreatedChangedAndListed()
    {
        using var database = TestDatabase.Create();
        Assert.Equal(0, (await RunAsync(database.ConnectionString, "users", "create", "--email", "lee@city.gov", "--name", "Lee Park")).Code);
        Assert.Equal(0, (await RunAsync(database.ConnectionString, "users", "create", "--email", "kim@city.gov", "--name", "Kim Reyes")).Code);

        var created = await RunAsync(database.ConnectionString, "teams", "create", "--name", "Streets", "--public-name", "Public Works",
            "--email", "streets@city.gov", "--members", "lee@city.gov, kim@city.gov");
        Assert.True(created.Code == 0, created.Error);
        Assert.Contains("Created team streets: Streets (2 members).", created.Out);

        var changed = await RunAsync(database.ConnectionString, "teams", "update", "streets", "--members", "kim@city.gov");
        Assert.True(changed.Code == 0, changed.Error);

        var listed = await RunAsync(database.ConnectionString, "teams", "list");
        Assert.Equal(0, listed.Code);
        Assert.Contains("streets\tStreets\tPublic Works\tstreets@city.gov\tkim@city.gov", listed.Out);
    }

    [Fact]
    public async Task ABadTeamIsOneLinePerProblemAndExit1()
    {
        using var database = TestDatabase.Create();
        var missing = await RunAsync(database.ConnectionString, "teams", "create", "--public-name", "Roads");
        Assert.Equal(1, missing.Code);
        Assert.Contains("--name is required", missing.Error);

        var unknown = await RunAsync(database.ConnectionString, "teams", "create", "--name", "Roads", "--members", "nobody@city.gov");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("--members is not the email of a staff user", unknown.Error);

        var none = await RunAsync(database.ConnectionString, "teams", "update", "parks", "--name", "Parks");
        Assert.Equal(1, none.Code);
        Assert.Contains("No team has id parks.", none.Error);
        Assert.DoesNotContain("   at ", none.Error);
    }
}
