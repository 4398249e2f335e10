using System.CommandLine;

namespace Open311;

static class CatalogCommands
{
    public static Command Build(IServiceProvider services)
    {
        var catalog = new Command("services", "List, export and import the service catalog.");
        var transfer = () => ActivatorUtilities.CreateInstance<CatalogTransfer>(services);

        var list = new Command("list", "List the services.");
        list.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            foreach (var s in (await services.GetRequiredService<CatalogReader>().ReadAsync(ct)).Services.Select(e => e.Service))
                Console.WriteLine($"{s.ServiceCode}\t{(s.Active ? "active" : "inactive")}\t{s.GroupName}\t{s.ServiceName}");
            return 0;
        });
        catalog.Subcommands.Add(list);

        var exportFile = new Argument<string>("FILE") { Description = "The JSON file to write (the shape of the demo catalog)" };
        var export = new Command("export", "Write every service, with its attributes, to a JSON file.") { exportFile };
        export.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var count = await transfer().ExportAsync(parse.GetValue(exportFile)!, ct);
            Console.WriteLine($"Exported {count} services to {parse.GetValue(exportFile)}.");
            return 0;
        });
        catalog.Subcommands.Add(export);

        var importFile = new Argument<string>("FILE") { Description = "A JSON list of services, as `services export` writes" };
        var replace = new Option<bool>("--replace") { Description = "Also remove services not in the file (deactivated when they have requests)" };
        var merge = new Option<bool>("--merge") { Description = "Add and update the file's services, keep the others (the default)" };
        var import = new Command("import", "Check a catalog file whole, then add or update its services in one transaction.") { importFile, replace, merge };
        import.Validators.Add(r =>
        {
            if (r.GetValue(replace) && r.GetValue(merge)) r.AddError("Give --replace or --merge, not both.");
        });
        import.SetAction(async (parse, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            var (outcome, problems) = await transfer().ImportAsync(parse.GetValue(importFile)!, parse.GetValue(replace), Actor.Command, ct);
            if (outcome is null && problems.Count == 1)
            {
                Console.Error.WriteLine($"open311: services import: {problems[0]}; nothing was imported.");
                return 1;
            }
            if (outcome is null)
            {
                foreach (var problem in problems) Console.Error.WriteLine(problem);
                Console.Error.WriteLine("Nothing was imported.");
                return 1;
            }
            Console.WriteLine($"Imported: {outcome.Created} created, {outcome.Updated} updated, "
                + $"{outcome.Deleted} deleted, {outcome.Deactivated} deactivated.");
            return 0;
        });
        catalog.Subcommands.Add(import);
        return catalog;
    }
}
