using System.Diagnostics;

namespace Open311.Bench.Load;

// The server's own executable, for its admin commands, run as an operator runs them.
static class Executable
{
    public static ProcessStartInfo Start(Options options, string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = options.CacheFolder, UseShellExecute = false };
        start.ArgumentList.Add(options.ServerDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Open311__Storage__Engine"] = options.Engine;
        start.Environment["Open311__Storage__ConnectionString"] = connectionString;
        start.Environment["Open311__Photos__Folder"] = Path.Combine(options.CacheFolder, "photos");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    public static async Task<string> RunAsync(Options options, string connectionString, params string[] args)
    {
        var start = Start(options, connectionString, args);
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} failed ({process.ExitCode})");
        return output;
    }

    // A key with the rate limit lifted: the benchmark measures the server, not its limiter's refusals.
    public static async Task<string> CreateKeyAsync(Options options, string connectionString) =>
        (await RunAsync(options, connectionString, "keys", "create", "--name", "bench", "--per-minute", "1000000")).TrimEnd().Split('\n')[^1];
}
