using System.Net;
using System.Net.Sockets;

namespace Open311.Tests;

// CONTRACT §13: a bad setting, a port in use or unreachable storage at start is one line naming what is at fault
// and exit status 1, from the real executable as an operator starts it.
[Trait("Storage", "pinned")] // what is refused is the setting, before any store is used
public class StartupFailureTests
{
    // The server started as an operator starts it, on a new SQLite file; its output read line by line.
    internal static async Task<(int Code, string[] Lines)> StartAsync(int port, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string> { ["Open311__Storage__Engine"] = "sqlite", ["Open311__DemoCatalog"] = "false" };
        foreach (var (name, value) in settings) environment[name] = value;
        var store = $"Data Source={Path.Combine(Path.GetTempPath(), $"open311-start-{Guid.NewGuid():N}.db")}";
        var (code, output, error) = await AdminProcess.RunAsync(store, null, environment, "--urls", $"http://127.0.0.1:{port}");
        return (code, (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData("Open311__Storage__Engine", "oracle", "open311: Open311:Storage:Engine must be sqlite or postgres")]
    [InlineData("Open311__TimeZone", "Mars/Base", "open311: Open311:TimeZone is not a time zone id this machine knows (e.g. America/Chicago)")]
    [InlineData("Open311__RateLimits__AnonymousPerMinute", "-1", "open311: Open311:RateLimits:AnonymousPerMinute must be from 1 to 1000000")]
    [InlineData("Open311__Photos__MaxBytes", "abc", "open311: Failed to convert configuration value 'abc' at 'Open311:Photos:MaxBytes' to type 'Int64'. Give a number (or a value of that type).")]
    [InlineData("Open311__PublicUrl", "notaurl", "open311: Open311:PublicUrl must be an absolute http or https URL such as https://311.example.gov")]
    [InlineData("Open311__Metrics__AllowedNetworks__0", "the office", "open311: Open311:Metrics:AllowedNetworks must be addresses or CIDR networks such as 10.0.0.0/8")]
    public async Task ABadSettingIsOneLineAndExitStatusOne(string name, string value, string line)
    {
        var (code, lines) = await StartAsync(FreePort(), (name, value));
        Assert.Equal(1, code);
        Assert.Equal([line], lines);
    }

    [Fact]
    public async Task UnreachableStorageIsOneLineNamingTheSetting()
    {
        var (code, lines) = await StartAsync(FreePort(), ("Open311__Storage__Engine", "postgres"),
            ("Open311__Storage__ConnectionString", $"Host=127.0.0.1;Port={FreePort()};Username=nobody;Timeout=3"));
        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("open311: the storage could not be reached at start: ", line);
        Assert.EndsWith("(check Open311:Storage:ConnectionString)", line);
    }

    [Fact]
    public async Task AFailedMigrationIsOneLineNamingTheScript()
    {
        // A store where migration 0008's index name is already taken (by hand, say): 0001-0007 apply, 0008 fails.
        var file = Path.Combine(Path.GetTempPath(), $"open311-start-{Guid.NewGuid():N}.db");
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false"))
        {
            db.Open();
            using var create = db.CreateCommand();
            create.CommandText = "CREATE TABLE requests_by_service_status (x INTEGER)";
            create.ExecuteNonQuery();
        }
        var environment = new Dictionary<string, string> { ["Open311__Storage__Engine"] = "sqlite", ["Open311__DemoCatalog"] = "false" };
        var (code, _, error) = await AdminProcess.RunAsync($"Data Source={file}", null, environment, "--urls", $"http://127.0.0.1:{FreePort()}");
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("open311: the sqlite migration 0008_service_status_index.sql failed and was rolled back: ", line);
        Assert.Contains("requests_by_service_status", line);
    }

    [Fact]
    public async Task APortInUseIsOneLine()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var (code, lines) = await StartAsync(port);
        Assert.Equal(1, code);
        Assert.Equal($"open311: Failed to bind to address http://127.0.0.1:{port}: address already in use. Stop what uses the port or choose another with --urls.",
            Assert.Single(lines, l => !l.StartsWith("info:", StringComparison.Ordinal) && !l.StartsWith("warn:", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
    }
}
