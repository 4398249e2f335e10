using System.CommandLine;

namespace Open311;

// `Open311.Server [serve]` runs the server; any other first word is an admin command run against
// the configured storage, after applying its migrations (CONTRACT §9).
static class AdminCommands
{
    static readonly string[] Words = ["keys", "users", "services", "photos", "storage", "seed", "migrate", "help", "--help", "-h", "-?", "--version"];

    public static IServiceCollection AddAdminCommands(this IServiceCollection services) => services.AddSingleton<Seeder>();

    public static bool Handles(string[] args) => args.Length > 0 && Words.Contains(args[0]);

    // "serve" is the default command; it is dropped before the host reads its arguments (--urls ...).
    public static string[] ServerArgs(string[] args) =>
        Handles(args) ? [] : args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("Open311 GeoReport v2 server. Run with no command (or `serve`) to start the server; "
            + "configuration comes from appsettings.json and Open311__* environment variables.");
        root.Subcommands.Add(KeyCommands.Build(services));
        root.Subcommands.Add(UserCommands.Build(services));
        root.Subcommands.Add(CatalogCommands.Build(services));
        root.Subcommands.Add(PhotoCommands.Build(services));
        root.Subcommands.Add(StorageCommands.Build(services));
        root.Subcommands.Add(SeedCommands.Build(services));
        var migrate = new Command("migrate", "Apply the storage migrations and exit.");
        migrate.SetAction(async (_, ct) =>
        {
            await services.PrepareStorageAsync(loadDemoCatalog: false, ct);
            Console.WriteLine("Storage is up to date.");
            return 0;
        });
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(new Command("serve", "Run the server (the default). Takes --urls and other host settings."));
        if (args[0] == "help") args = ["--help"];
        return await root.Parse(args).InvokeAsync();
    }
}
