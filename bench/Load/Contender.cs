using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Open311.Bench.Load;

// A server under load: the Open311 server, or the limit answering the same bytes from memory.
sealed class Contender : IAsyncDisposable
{
    readonly Process process;

    Contender(string name, Process process, string baseUrl, TimeSpan started)
    {
        Name = name;
        this.process = process;
        BaseUrl = baseUrl;
        Started = started;
    }

    public string Name { get; }
    public string BaseUrl { get; }

    // From the process's start to its first answered request.
    public TimeSpan Started { get; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Contender> StartServerAsync(Options options, string connectionString)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = Executable.Start(options, connectionString);
        start.Environment["ASPNETCORE_URLS"] = url;
        // Anonymous scenarios are not to be refused by the limiter: the benchmark measures the answers.
        start.Environment["Open311__RateLimits__AnonymousPerMinute"] = "1000000";
        return await StartAsync("server", start, url, "/open311/v2/services.json", anyAnswer: false);
    }

    public static async Task<Contender> StartLimitAsync(Options options, string captured)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in new[] { options.LimitDll, captured, "--urls", url }) start.ArgumentList.Add(arg);
        // Any answer will do: the limit knows only the calls it was given (a 404 for the rest).
        return await StartAsync("limit", start, url, "/", anyAnswer: true);
    }

    static async Task<Contender> StartAsync(string name, ProcessStartInfo start, string url, string probe, bool anyAnswer)
    {
        start.RedirectStandardOutput = true;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        using var client = new HttpClient();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited) throw new InvalidOperationException($"the {name} exited with {process.ExitCode} before answering");
            try
            {
                if ((await client.GetAsync(url + probe)).StatusCode is var status && (anyAnswer || status == HttpStatusCode.OK))
                    return new Contender(name, process, url, clock.Elapsed);
            }
            catch (HttpRequestException) { }
            await Task.Delay(5);
        }
        process.Kill();
        throw new TimeoutException($"the {name} did not answer within two minutes");
    }

    // The most resident memory the process has had (VmHWM), in bytes.
    public long PeakMemoryBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
