using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Open311.Tests;

// A throwaway PostgreSQL cluster of the test's own (as test.sh's start_postgres makes one), for tests that do
// to the server what must never be done to the shared one: stop its processes (SIGSTOP) and continue them.
sealed class OwnPostgres : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"open311-own-pg-{Guid.NewGuid():N}");
    readonly string bin;
    readonly List<int> stopped = [];

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Pooling=true";

    static readonly bool AsRoot = Environment.UserName == "root";

    public OwnPostgres()
    {
        bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .OrderBy(v => int.TryParse(Path.GetFileName(Path.GetDirectoryName(v)), out var n) ? n : 0).Last();
        Directory.CreateDirectory(folder);
        if (AsRoot) Run("chown", "-R", "postgres:postgres", folder);
        AsPostgres(Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        AsPostgres(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "start", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {folder} -c fsync=off -c synchronous_commit=off");
    }

    // The postmaster and every backend it started, as they are now.
    List<int> Processes()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());
        var all = new List<int> { postmaster };
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) == postmaster) all.Add(pid);
            }
            catch (IOException) { }
        }
        return all;
    }

    public void Freeze()
    {
        var pids = Processes();
        stopped.AddRange(pids);
        Run("kill", ["-STOP", .. pids.Select(p => p.ToString())]);
    }

    public void Thaw()
    {
        if (stopped.Count == 0) return;
        Run("kill", ["-CONT", .. stopped.Select(p => p.ToString())]);
        stopped.Clear();
    }

    public void Dispose()
    {
        Thaw();
        try { AsPostgres(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"); }
        finally { Directory.Delete(folder, recursive: true); }
    }

    void AsPostgres(string program, params string[] args)
    {
        if (AsRoot) Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result} {error.Result}");
    }
}
