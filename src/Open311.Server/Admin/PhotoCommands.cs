using System.CommandLine;

namespace Open311;

static class PhotoCommands
{
    public static Command Build(IServiceProvider services)
    {
        var photos = new Command("photos", "Look after the photo folder.");
        var minutes = new Option<int>("--older-than-minutes")
        {
            Description = "Only files older than this, so uploads in flight are left alone",
            DefaultValueFactory = _ => 60,
        };
        minutes.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--older-than-minutes must be at least 1."); });
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed, remove nothing" };
        var sweep = new Command("sweep", "Remove photo files that no request names (left by a crash during an upload).") { minutes, dryRun };
        sweep.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var outcome = await PhotoSweep.RunAsync(services.GetRequiredService<Database>(), services.GetRequiredService<PhotoFiles>(),
                TimeSpan.FromMinutes(parse.GetValue(minutes)), parse.GetValue(dryRun), services.GetRequiredService<TimeProvider>(), ct);
            foreach (var name in outcome.Orphans) Console.WriteLine(name);
            Console.WriteLine($"{outcome.Orphans.Count} unnamed file(s) {(parse.GetValue(dryRun) ? "would be removed" : "removed")}, {outcome.Kept} kept.");
            return 0;
        });
        photos.Subcommands.Add(sweep);
        return photos;
    }
}
