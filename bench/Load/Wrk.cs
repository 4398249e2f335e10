using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Open311.Bench.Load;

// One wrk run: its numbers, from the line scenario.lua prints when it is done.
sealed record WrkRun(long Requests, long DurationUs, long Bytes, long P50Us, long P99Us, long Non2xx, long Errors)
{
    public double PerSecond => Requests / (DurationUs / 1e6);
}

// A contender's numbers over its rounds: the rate over all of them, the median latency averaged, the worst p99.
sealed record Measured(double PerSecond, double P50Ms, double P99Ms, long Non2xx, long Errors, long BytesPerAnswer)
{
    public static Measured Of(IReadOnlyList<WrkRun> runs) => new(
        runs.Sum(r => r.Requests) / (runs.Sum(r => r.DurationUs) / 1e6),
        runs.Average(r => r.P50Us) / 1000.0,
        runs.Max(r => r.P99Us) / 1000.0,
        runs.Sum(r => r.Non2xx),
        runs.Sum(r => r.Errors),
        runs.Sum(r => r.Bytes) / Math.Max(1, runs.Sum(r => r.Requests)));
}

sealed record ScenarioResult(Scenario Scenario, Measured Server, Measured Limit)
{
    public double Ratio => Server.PerSecond / Limit.PerSecond;
}

static class Wrk
{
    const int Rounds = 2;

    // A warm-up for each (long enough for the JIT's second tier to replace the first), then rounds in
    // turn (server, limit, limit, server), so that whatever else the machine does weighs on both alike.
    public static async Task<ScenarioResult> CompareAsync(Options options, Scenario scenario, Contender server, Contender limit, string key)
    {
        await RunAsync(options, scenario, server, key, 5);
        await RunAsync(options, scenario, limit, key, 3);
        var seconds = Math.Max(1, options.Duration / Rounds);
        var serverRuns = new List<WrkRun>();
        var limitRuns = new List<WrkRun>();
        for (var round = 0; round < Rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { server, limit } : [limit, server];
            foreach (var contender in order)
                (contender == server ? serverRuns : limitRuns).Add(await RunAsync(options, scenario, contender, key, seconds));
        }
        return new ScenarioResult(scenario, Measured.Of(serverRuns), Measured.Of(limitRuns));
    }

    static async Task<WrkRun> RunAsync(Options options, Scenario scenario, Contender contender, string key, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", $"-c{options.Connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", options.WrkScript })
            start.ArgumentList.Add(arg);
        if (scenario.WithKey) { start.ArgumentList.Add("-H"); start.ArgumentList.Add($"Authorization: Bearer {key}"); }
        foreach (var (name, value) in scenario.Headers) { start.ArgumentList.Add("-H"); start.ArgumentList.Add($"{name}: {value}"); }
        start.ArgumentList.Add(contender.BaseUrl + scenario.Target);
        if (scenario.Body is { } body) start.Environment["BENCH_BODY"] = body;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result for {scenario.Name}: {output} {await process.StandardError.ReadToEndAsync()}");
        var run = JsonSerializer.Deserialize<WrkRun>(line[6..], new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench:   {contender.Name,-6} {run.PerSecond,9:N0}/s  p50 {run.P50Us / 1000.0,7:0.00} ms  p99 {run.P99Us / 1000.0,7:0.00} ms  non-2xx {run.Non2xx}  errors {run.Errors}"));
        return run;
    }
}
