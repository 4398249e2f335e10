using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Open311.Tests;

// The real executable in a process of its own on a free loopback port, as an operator runs it: its settings
// from environment variables, its standard output and error kept line by line for the test to read.
sealed class ServerProcess : IAsyncDisposable
{
    readonly Process process;
    public HttpClient Client { get; }
    public ConcurrentQueue<string> Output { get; } = new();

    ServerProcess(Process process, int port)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public static async Task<ServerProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Open311.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Open311__Storage__Engine"] = database.Engine;
        start.Environment["Open311__Storage__ConnectionString"] = database.ConnectionString;
        start.Environment["Open311__RateLimits__AnonymousPerMinute"] = "100000";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var server = new ServerProcess(Process.Start(start)!, port);
        server.process.OutputDataReceived += (_, e) => { if (e.Data is { } line) server.Output.Enqueue(line); };
        server.process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) server.Output.Enqueue(line); };
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await server.Client.GetAsync("/healthz")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new TimeoutException("the server process did not answer /healthz within 30 s");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The most resident memory the process has held since it started (VmHWM), in MB.
    public long PeakMemoryMb() =>
        long.Parse(File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;

    // kill -9: the process ends at once, with no shutdown of its own (Process.Kill sends SIGKILL on Linux).
    public async Task KillHardAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    // Stops the process and waits until everything it wrote has been read.
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
