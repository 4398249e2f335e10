using System.Diagnostics;

namespace Open311.Bench.Load;

// A few statements against the cluster, through psql (the runner needs no driver of its own).
static class Postgres
{
    static ProcessStartInfo Psql(string server, string sql)
    {
        var parts = server.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0].ToLowerInvariant(), p => p[1]);
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", parts["host"], "-p", parts.GetValueOrDefault("port", "5432"), "-U", parts.GetValueOrDefault("username", "postgres"),
            "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-tAc", sql })
            start.ArgumentList.Add(arg);
        return start;
    }

    public static async Task<string> QueryAsync(string server, string sql)
    {
        using var process = Process.Start(Psql(server, sql))!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed: {sql}");
        return output.Trim();
    }

    public static async Task RunAsync(string server, params string[] statements)
    {
        foreach (var sql in statements) await QueryAsync(server, sql);
    }

    public static async Task<bool> ExistsAsync(string server, string database) =>
        await QueryAsync(server, $"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1";
}
