using System.CommandLine;

namespace Open311;

static class CatalogCommands
{
    public static Command Build(IServiceProvider services)
    {
        var catalog = new Command("services", "Export and import the service catalog.");
        var list = new Command("list", "List the services.");
        list.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            foreach (var s in await services.GetRequiredService<ServiceQueries>().ListAsync(ct))
                Console.WriteLine($"{s.ServiceCode}\t{(s.Active ? "active" : "inactive")}\t{s.GroupName}\t{s.ServiceName}");
            return 0;
        });
        catalog.Subcommands.Add(list);
        return catalog;
    }
}
