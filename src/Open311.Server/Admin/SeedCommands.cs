using System.CommandLine;
using System.Diagnostics;

namespace Open311;

static class SeedCommands
{
    public static Command Build(IServiceProvider services)
    {
        var requests = new Option<int>("--requests") { Description = "How many requests to add", Required = true };
        requests.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 50_000_000) r.AddError("--requests must be from 1 to 50000000.");
        });
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed and clock make the same requests", DefaultValueFactory = _ => 1 };
        var command = new Command("seed", "Add made-up requests for the catalog, spread over the last two years "
            + "(for demos and benchmarks; run it while the server is stopped).") { requests, seed };
        command.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: true, ct);
            var count = parse.GetValue(requests);
            var progress = new SeedProgress(count);
            await services.GetRequiredService<Seeder>().SeedAsync(count, parse.GetValue(seed), progress, ct);
            progress.Done();
            Console.WriteLine($"Seeded {count} requests.");
            return 0;
        });
        return command;
    }

    // The count, the rate and the time left, on one line of stderr rewritten in place (a line per tenth when it is not a terminal).
    sealed class SeedProgress(int total) : IProgress<int>
    {
        readonly Stopwatch clock = Stopwatch.StartNew();
        int lastTenth = -1;

        public void Report(int done)
        {
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var line = $"seed: {done:N0} of {total:N0} requests ({100.0 * done / total:0}%), {rate:N0}/s, {(total - done) / Math.Max(rate, 1):0}s left";
            if (!Console.IsErrorRedirected) Console.Error.Write($"\r{line}   ");
            else if (done * 10L / total is var tenth && tenth != lastTenth) { lastTenth = (int)tenth; Console.Error.WriteLine(line); }
        }

        public void Done()
        {
            if (!Console.IsErrorRedirected) Console.Error.WriteLine();
            Console.Error.WriteLine($"seed: {total:N0} requests in {clock.Elapsed.TotalSeconds:0.0}s");
        }
    }
}
