using Open311.Bench.Load;

// The load benchmark (bench/run.sh): the Open311 server on a seeded store against the limit, a Kestrel
// program answering the same bytes from memory, scenario by scenario, measured in turns so that the
// machine's drift falls on both alike. Writes its engine's section of bench/RESULTS.md.
var options = Options.Parse(args);
Console.Error.WriteLine($"bench: {options.Engine}, {options.Requests:N0} requests, {options.Duration}s a scenario for each contender, {options.Connections} connections");

var loadBefore = Machine.LoadAverage();
var store = Store.For(options);
var connectionString = await store.PrepareAsync();
var key = await Executable.CreateKeyAsync(options, connectionString);

await using var server = await Contender.StartServerAsync(options, connectionString);
var data = await BenchData.ProbeAsync(server, key);
// --only TEXT[,TEXT...]: the scenarios whose names hold one of the TEXTs, for a look while working; RESULTS.md is then left alone.
var scenarios = Scenario.All(data).Where(s => options.Only is null || options.Only.Split(',').Any(s.Name.Contains)).ToList();
var captured = await Capture.WriteAsync(server, scenarios, key, Path.Combine(options.OutFolder, "captured.json"));
await using var limit = await Contender.StartLimitAsync(options, captured);

var results = new List<ScenarioResult>();
foreach (var scenario in scenarios)
{
    Console.Error.WriteLine($"bench: {scenario.Name}");
    results.Add(await Wrk.CompareAsync(options, scenario, server, limit, key));
}
if (options.Only is not null) return;
var machine = await Machine.DescribeAsync();
Report.Write(options, data, results, server.Started, server.PeakMemoryBytes(), store.Describe(), machine, loadBefore);
Console.Error.WriteLine($"bench: results in {options.ResultsFile}");
