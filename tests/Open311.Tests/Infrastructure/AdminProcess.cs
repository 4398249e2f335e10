using System.Diagnostics;

namespace Open311.Tests;

// An admin command run as an operator runs it: the server's own executable in another process, configured by the
// same environment variables as the server; input, when given, is its standard input; settings, more variables.
// A process still running after a minute is killed and the test fails.
static class AdminProcess
{
    public static Task<(int Code, string Out, string Error)> RunAsync(string connectionString, string? input, params string[] args) =>
        RunAsync(connectionString, input, new Dictionary<string, string>(), args);

    public static async Task<(int Code, string Out, string Error)> RunAsync(string connectionString, string? input,
        IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Open311.Server.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["Open311__Storage__Engine"] = TestDatabase.CurrentEngine;
        start.Environment["Open311__Storage__ConnectionString"] = connectionString;
        foreach (var (name, value) in settings) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' was still running after a minute");
        }
        return (process.ExitCode, await output, await error);
    }
}
