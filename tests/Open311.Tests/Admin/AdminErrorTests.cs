namespace Open311.Tests;

// CONTRACT §13 through the real executable: every admin failure is one line on standard error and exit status 1,
// every usage error one line and exit status 2, and --help for the server and each command prints usage and exits 0.
[Trait("Storage", "pinned")] // the errors come before, or instead of, any use of the store
public class AdminErrorTests
{
    static string NewStore() => $"Data Source={Path.Combine(Path.GetTempPath(), $"open311-admin-{Guid.NewGuid():N}.db")}";

    static async Task<(int Code, string Out, string[] Lines)> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var all = new Dictionary<string, string> { ["Open311__Storage__Engine"] = "sqlite", ["Open311__DemoCatalog"] = "false" };
        foreach (var (name, value) in settings) all[name] = value;
        var (code, output, error) = await AdminProcess.RunAsync(NewStore(), null, all, args);
        return (code, output, error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("nonsense", "open311: unknown command 'nonsense' (--help lists the commands)")]
    [InlineData("keys bogus", "open311: Unrecognized command or argument 'bogus'.")]
    [InlineData("keys revoke abc", "open311: Cannot parse argument 'abc' for command 'revoke' as a whole number.")]
    [InlineData("keys create", "open311: Option '--name' is required.")]
    [InlineData("keys create --name", "open311: Required argument missing for option: '--name'.")]
    [InlineData("keys create --name x --color red", "open311: Unrecognized command or argument '--color'.")]
    [InlineData("serve --bogus", "open311: serve does not take '--bogus' (serve --help lists its options)")]
    [InlineData("--bogus", "open311: serve does not take '--bogus' (serve --help lists its options)")]
    [InlineData("serve --urls", "open311: --urls needs a value")]
    public async Task AUsageErrorIsOneLineAndExitStatusTwo(string arguments, string line)
    {
        var (code, output, lines) = await RunAsync(new Dictionary<string, string>(), arguments.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal([line], lines);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("services export /nonexistent-dir/x.json", "open311: services: Could not find a part of the path '/nonexistent-dir/x.json'.")]
    [InlineData("services import /nonexistent-dir/x.json", "open311: services import: /nonexistent-dir/x.json: Could not find a part of the path '/nonexistent-dir/x.json'.; nothing was imported.")]
    [InlineData("storage copy --to-postgres garbage", "open311: storage: that is not a connection string (\"Host=db;Database=open311;Username=open311;Password=...\")")]
    [InlineData("keys revoke 99", "No active key has id 99.")]
    public async Task AFailureIsOneLineAndExitStatusOne(string arguments, string line)
    {
        var (code, _, lines) = await RunAsync(new Dictionary<string, string>(), arguments.Split(' '));
        Assert.Equal(1, code);
        Assert.Equal([line], lines);
    }

    [Fact]
    public async Task ACopyToAnUnknownHostNamesTheHostOnce()
    {
        var (code, _, lines) = await RunAsync(new Dictionary<string, string>(), "storage", "copy", "--to-postgres", "Host=nohost.invalid;Username=x;Timeout=3");
        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("open311: storage copy: the copy to host nohost.invalid port 5432 failed, nothing was copied: ", line);
    }

    [Fact]
    public async Task UnreachableStorageIsOneLineAndExitStatusOne()
    {
        var (code, _, lines) = await RunAsync(new Dictionary<string, string>
        {
            ["Open311__Storage__Engine"] = "postgres",
            ["Open311__Storage__ConnectionString"] = $"Host=127.0.0.1;Port={StartupFailureTests.FreePort()};Username=nobody;Timeout=3",
        }, "keys", "list");
        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("open311: keys: the storage could not be reached at start: ", line);
    }

    [Theory]
    [InlineData("--help", "keys")]
    [InlineData("serve --help", "--urls")]
    [InlineData("keys --help", "revoke")]
    [InlineData("keys create --help", "--per-minute")]
    [InlineData("users --help", "create")]
    [InlineData("services --help", "export")]
    [InlineData("photos --help", "sweep")]
    [InlineData("storage --help", "copy")]
    [InlineData("seed --help", "--requests")]
    [InlineData("migrate --help", "migrations")]
    public async Task HelpPrintsUsageAndExitsZero(string arguments, string mentions)
    {
        var (code, output, lines) = await RunAsync(new Dictionary<string, string>(), arguments.Split(' '));
        Assert.Equal(0, code);
        Assert.Contains(mentions, output);
        Assert.Empty(lines);
    }
}
