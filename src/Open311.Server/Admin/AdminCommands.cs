using System.CommandLine;
using System.Text.RegularExpressions;

namespace Open311;

// `Open311.Server [serve]` runs the server; any other first word is an admin command run against
// the configured storage, after applying its migrations (CONTRACT §9). CONTRACT §13: a usage error (an unknown
// command or option, a missing or bad value) is one line on standard error and exit status 2; a command that
// fails (storage it cannot reach, a file that is not there) one line and exit status 1; --help exits 0.
static partial class AdminCommands
{
    static readonly string[] Words = ["keys", "users", "teams", "services", "photos", "storage", "seed", "migrate", "help", "--help", "-h", "-?", "--version"];
    static readonly string[] HelpWords = ["--help", "-h", "-?"];

    // The host's own options that `serve` takes (--urls ...); any setting as --Key=value or --Section:Key value too.
    static readonly string[] ServeOptions = ["--urls", "--environment", "--contentRoot", "--applicationName"];

    const string ServeUsage = """
        Usage: Open311.Server [serve] [--urls URLS] [--environment NAME] [--Section:Key=value ...]

        Runs the server (the default command). Settings come from appsettings.json beside the executable,
        appsettings.{Environment}.json, Open311__* environment variables and --Section:Key=value options.
          --urls URLS          where it listens (default http://localhost:5000; several separated by ';')
          --environment NAME   the host environment (Production by default)
        `--help` with no command lists the admin commands.
        """;

    public static IServiceCollection AddAdminCommands(this IServiceCollection services) => services.AddSingleton<Seeder>();

    // Admin commands, and every start that is not a server start: `serve --help`, a bad option, an unknown word.
    public static bool Handles(string[] args) => args.Length > 0 && (Words.Contains(args[0]) || ServeProblem(args) is not null);

    // "serve" is the default command; it is dropped before the host reads its arguments (--urls ...).
    public static string[] ServerArgs(string[] args) =>
        Handles(args) ? [] : args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    // Why these arguments do not start the server ("help" for serve --help), or null when they do.
    static string? ServeProblem(string[] args)
    {
        if (args.Length > 0 && Words.Contains(args[0])) return null;
        var rest = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
        if (args.Length > 0 && args[0] != "serve" && !args[0].StartsWith('-'))
            return $"unknown command '{args[0]}' (--help lists the commands)";
        for (var i = 0; i < rest.Length; i++)
        {
            var arg = rest[i];
            if (HelpWords.Contains(arg)) return "help";
            var name = arg.Split('=', 2)[0];
            var known = ServeOptions.Contains(name, StringComparer.OrdinalIgnoreCase)
                || (name.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':') || arg.Contains('=')));
            if (!known) return $"serve does not take '{arg}' (serve --help lists its options)";
            if (!arg.Contains('=') && (i + 1 >= rest.Length || rest[i + 1].StartsWith("--", StringComparison.Ordinal)))
                return $"{name} needs a value";
            if (!arg.Contains('=')) i++;
        }
        return null;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (ServeProblem(args) is { } problem)
        {
            if (problem == "help") { Console.WriteLine(ServeUsage); return 0; }
            Console.Error.WriteLine($"open311: {problem}");
            return 2;
        }
        var root = new RootCommand("Open311 GeoReport v2 server. Run with no command (or `serve`) to start the server; "
            + "configuration comes from appsettings.json and Open311__* environment variables.");
        root.Subcommands.Add(KeyCommands.Build(services));
        root.Subcommands.Add(UserCommands.Build(services));
        root.Subcommands.Add(TeamCommands.Build(services));
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
        root.Subcommands.Add(new Command("serve", "Run the server (the default). Takes --urls and other host settings; serve --help says more."));
        if (args[0] == "help") args = ["--help"];
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"open311: {Usage((parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0]).Message)}");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Failure(e) is { } line)
        {
            Console.Error.WriteLine($"open311: {args[0]}: {line}");
            return 1;
        }
    }

    // System.CommandLine names .NET types ("as expected type 'System.Int64'"); an operator reads "a whole number".
    static string Usage(string message) => DotNetNumber().Replace(message, "as a whole number");

    // What an operator can act on: the file, the host, the value. Anything else is a defect and keeps its trace.
    static string? Failure(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Failure(a.InnerException!),
        IOException or UnauthorizedAccessException => e.Message,
        ArgumentException a when a.Message.StartsWith("Format of the initialization string", StringComparison.Ordinal) =>
            "that is not a connection string (\"Host=db;Database=open311;Username=open311;Password=...\")",
        _ => StartupFailure.Describe(e),
    };

    [GeneratedRegex(@"as expected type 'System\.(Int64|Int32|Int16|Double|Decimal)'")]
    private static partial Regex DotNetNumber();
}
