using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using Open311.Bench.Micro;

// The micro-benchmarks (bench/run.sh runs them after the load benchmark) and their section of bench/RESULTS.md.
var root = args.Length > 1 && args[0] == "--root" ? args[1] : Directory.GetCurrentDirectory();
var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12))
    .WithArtifactsPath(Path.Combine(root, "bench", "out", "micro"));
var summaries = new[] { BenchmarkRunner.Run<Serialization>(config), BenchmarkRunner.Run<SearchParsing>(config) };

var section = new StringBuilder("## Micro-benchmarks\n\n");
section.Append("BenchmarkDotNet, 3 warm-up and 12 measured iterations; `bench/Micro`.\n\n");
foreach (var summary in summaries)
{
    var logger = new AccumulationLogger();
    MarkdownExporter.GitHub.ExportToLog(summary, logger);
    // The exporter starts with the environment block; the table is what follows it.
    var text = logger.GetLog();
    section.Append(text[text.IndexOf("| ", StringComparison.Ordinal)..].Trim()).Append("\n\n");
}
var results = Path.Combine(root, "bench", "RESULTS.md");
var file = File.Exists(results) ? File.ReadAllText(results) : "# Benchmark results\n\n";
const string begin = "<!-- begin micro -->", end = "<!-- end micro -->";
var block = $"{begin}\n{section.ToString().TrimEnd()}\n{end}";
var at = file.IndexOf(begin, StringComparison.Ordinal);
file = at >= 0 ? file[..at] + block + file[(file.IndexOf(end, at, StringComparison.Ordinal) + end.Length)..] : file.TrimEnd() + "\n\n" + block + "\n";
File.WriteAllText(results, file);
