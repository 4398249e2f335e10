using System.Diagnostics;

namespace Open311.Bench.Load;

// What RESULTS.md says about the machine the numbers come from.
static class Machine
{
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[..3] is var l ? $"{l[0]} {l[1]} {l[2]}" : "";

    public static async Task<string> DescribeAsync()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory) / 1024 / 1024} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}, {await OutputAsync("wrk", "-v")}";
    }

    static async Task<string> OutputAsync(string file, string args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text.Split('\n')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{file} not found";
        }
    }
}
