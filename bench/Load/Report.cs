using System.Globalization;
using System.Text;

namespace Open311.Bench.Load;

// Writes this engine's section of bench/RESULTS.md, between its markers; the rest of the file is kept.
static class Report
{
    public static void Write(Options options, BenchData data, IReadOnlyList<ScenarioResult> results, TimeSpan started, long peakBytes,
        string store, string machine, string loadBefore)
    {
        var engine = options.Engine == "postgres" ? "PostgreSQL" : "SQLite";
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"## {engine}, {options.Requests:N0} requests");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"`{options.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. {machine}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) before the run: {loadBefore}; after: {Machine.LoadAverage()}. Store {store}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"wrk: 1 thread, {options.Connections} connections, {options.Duration / 2} s × 2 rounds for each contender, in turns.");
        s.AppendLine();
        s.AppendLine("| scenario | server req/s | p50 ms | p99 ms | limit req/s | limit p50 | limit p99 | server/limit | bytes |");
        s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            var failures = r.Server.Non2xx + r.Server.Errors > 0 ? $" ({r.Server.Non2xx} non-2xx, {r.Server.Errors} errors)" : "";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario.Name}{failures} | {r.Server.PerSecond:N0} | {r.Server.P50Ms:0.00} | {r.Server.P99Ms:0.00} | {r.Limit.PerSecond:N0} | {r.Limit.P50Ms:0.00} | {r.Limit.P99Ms:0.00} | {r.Ratio:0.00} | {r.Server.BytesPerAnswer:N0} |");
        }
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Server start-up to its first answer: {started.TotalMilliseconds:N0} ms. Peak resident memory (VmHWM) after every scenario: {peakBytes / 1024.0 / 1024.0:N0} MB.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Sync pass: `updated_after={data.SyncAfter}`, {data.SyncPages:N0} pages of 100. Bytes: the average answer with its headers.");

        var begin = $"<!-- begin {options.Engine} -->";
        var end = $"<!-- end {options.Engine} -->";
        var text = File.Exists(options.ResultsFile) ? File.ReadAllText(options.ResultsFile) : "# Benchmark results\n\n";
        var section = $"{begin}\n{s}{end}";
        var at = text.IndexOf(begin, StringComparison.Ordinal);
        text = at >= 0
            ? text[..at] + section + text[(text.IndexOf(end, at, StringComparison.Ordinal) + end.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(options.ResultsFile, text);
    }
}
