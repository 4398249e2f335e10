using System.Globalization;

namespace Open311.Bench.Load;

sealed record Options(string Engine, int Requests, int Duration, int Connections, int Seed, string Root, string? Only = null)
{
    public string CacheFolder => Path.Combine(Root, "bench", ".cache");
    public string OutFolder => Path.Combine(Root, "bench", "out");
    public string ResultsFile => Path.Combine(Root, "bench", "RESULTS.md");
    public string ServerDll => Path.Combine(Root, "src", "Open311.Server", "bin", "Release", "net10.0", "Open311.Server.dll");
    public string LimitDll => Path.Combine(Root, "bench", "Limit", "bin", "Release", "net10.0", "Open311.Bench.Limit.dll");
    public string WrkScript => Path.Combine(Root, "bench", "wrk", "scenario.lua");

    // The command line as run.sh was given it, for RESULTS.md.
    public string Command { get; init; } = "bench/run.sh";

    public static Options Parse(string[] args)
    {
        string engine = "sqlite", root = Directory.GetCurrentDirectory(), command = "bench/run.sh";
        string? only = null;
        int requests = 1_000_000, duration = 10, connections = 16, seed = 1;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--engine": engine = Next(); break;
                case "--requests": requests = Number(); break;
                case "--duration": duration = Number(); break;
                case "--connections": connections = Number(); break;
                case "--seed": seed = Number(); break;
                case "--root": root = Next(); break;
                case "--command": command = Next(); break;
                case "--only": only = Next(); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (engine is not ("sqlite" or "postgres")) throw new ArgumentException("--engine is sqlite or postgres");
        Directory.CreateDirectory(Path.Combine(root, "bench", ".cache"));
        Directory.CreateDirectory(Path.Combine(root, "bench", "out"));
        return new Options(engine, requests, duration, connections, seed, root, only) { Command = command };
    }
}
