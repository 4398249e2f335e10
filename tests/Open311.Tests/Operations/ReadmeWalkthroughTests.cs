using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Open311.Tests;

// The README runs as written. Its walkthrough is every ```sh or ```bash block of README.md, in order, except a block
// whose previous non-blank line is an HTML comment `<!-- not run: reason -->` (a server start, PostgreSQL, systemd,
// apt: what a reader does on their own machine, not against the demo server). The blocks run in one bash, in a
// scratch folder where `docs` is the repository's, against the real executable started on a free port with a fresh
// SQLite store, the demo catalog and the default limits (10 calls a minute without a key).
//
// Exactly three things are replaced, and nothing else:
// - `http://localhost:5000` in a command becomes the test server's address (and back, in what the command prints);
// - `dotnet run --project src/Open311.Server --` becomes `dotnet <the built Open311.Server.dll>`, with the test
//   store's settings in the environment as an operator would export them;
// - request ids: the README shows 2026's (26-00000001); in another year the server numbers them with that year's
//   two digits, which are read back as 26 (only in what a command prints).
//
// A step is a command (with its `\` continuations and open quotes) and the `# ` comment lines right after it, with no
// blank line between: they are what the step prints. A comment after a blank line is prose. In shown output `...`
// stands for anything (a token, a time, an elided part). A shown `HTTP/1.1 ...` status line or `Name: value`
// header must be one of the printed lines (in any order); the rest, joined, must match the whole body printed
// (white space at the README's line breaks is ignored). A step that shows nothing must exit 0 and print no error list.
// A failure names the README's line.
[Trait("Storage", "pinned")] // SQLite only: it runs once, whichever engine the run is for
public partial class ReadmeWalkthroughTests
{
    public sealed record Step(int Line, string Command, IReadOnlyList<string> Shown);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Open311.slnx) was not found above the test's folder.");
    }

    // The walkthrough's steps, in README order.
    public static List<Step> Steps(string readme)
    {
        var lines = readme.Replace("\r\n", "\n").Split('\n');
        var steps = new List<Step>();
        string? lastText = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimEnd();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                if (fence.Length > 0) lastText = fence.Trim();
                continue;
            }
            var info = fence[3..].Trim();
            var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == "```");
            if (end < 0) throw new InvalidOperationException($"README.md:{i + 1}: a code block is never closed");
            var run = (info is "sh" or "bash") && !(lastText ?? "").StartsWith("<!-- not run:", StringComparison.Ordinal);
            if (run) steps.AddRange(StepsOf(lines, i + 1, end));
            i = end;
            lastText = null;
        }
        return steps;
    }

    static IEnumerable<Step> StepsOf(string[] lines, int from, int to)
    {
        var command = new StringBuilder();
        var commandLine = 0;
        List<string>? shown = null; // non-null while comment lines are still the current step's output
        Step? Flush()
        {
            if (command.Length == 0) return null;
            var step = new Step(commandLine, command.ToString(), shown ?? []);
            command.Clear();
            shown = null;
            return step;
        }
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (command.Length > 0 && shown is { Count: 0 } && Continues(command.ToString()))
            {
                command.Append('\n').Append(line);
                continue;
            }
            if (trimmed.Length == 0)
            {
                if (shown is not null && Flush() is { } s) yield return s;
                shown = null;
                continue;
            }
            if (trimmed.StartsWith('#'))
            {
                if (command.Length > 0 && shown is not null) shown.Add(trimmed.Length > 1 ? trimmed[1..].Trim() : "");
                continue; // prose
            }
            if (Flush() is { } previous) yield return previous;
            command.Append(line);
            commandLine = i + 1;
            shown = [];
        }
        if (Flush() is { } last) yield return last;
    }

    // A command continues on the next line after a trailing backslash or inside an open quote.
    static bool Continues(string command)
    {
        char? quote = null;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote == '\'') { if (c == '\'') quote = null; continue; }
            if (c == '\\') { i++; continue; }
            if (quote == '"') { if (c == '"') quote = null; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(command[i - 1])))
                while (i + 1 < command.Length && command[i + 1] != '\n') i++; // a comment to the end of the line
        }
        return quote is not null || command.EndsWith('\\');
    }

    [Fact]
    public async Task TheWalkthroughRunsAsWrittenOnAFreshDatabase()
    {
        var root = FindRoot();
        var steps = Steps(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        Assert.True(steps.Count > 40, $"only {steps.Count} walkthrough steps were found in README.md: the extraction is wrong");
        Assert.True(steps.Count(s => s.Shown.Count > 0) > 25, "few steps show their output: the extraction is wrong");

        using var database = TestDatabase.Create("sqlite");
        var store = new Dictionary<string, string>
        {
            ["Open311__Storage__Engine"] = "sqlite",
            ["Open311__Storage__ConnectionString"] = database.ConnectionString,
        };
        // ServerProcess lifts the anonymous limit for other tests; the walkthrough runs with the README's default.
        await using var server = await ServerProcess.StartAsync(database,
            new Dictionary<string, string>(store) { ["Open311__RateLimits__AnonymousPerMinute"] = "10" });
        var baseUrl = server.Client.BaseAddress!.ToString().TrimEnd('/');
        var executable = "dotnet " + Path.Combine(AppContext.BaseDirectory, "Open311.Server.dll");

        var scratch = Directory.CreateTempSubdirectory("open311-readme-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(scratch.FullName, "docs"), Path.Combine(root, "docs"));
            var script = new StringBuilder("exec 2>stderr.log\n");
            for (var n = 0; n < steps.Count; n++)
            {
                var command = steps[n].Command.Replace("dotnet run --project src/Open311.Server --", executable, StringComparison.Ordinal)
                    .Replace("http://localhost:5000", baseUrl, StringComparison.Ordinal);
                Assert.False(command.Contains("dotnet run", StringComparison.Ordinal),
                    $"README.md:{steps[n].Line}: a walkthrough step starts a server or runs the source (mark its block <!-- not run: ... -->)");
                script.Append($"printf '\\n\\x1e{n}\\n'\n{command}\nprintf '\\n\\x1f{n} %d\\n' $?\n");
            }
            var (output, errors) = await RunBashAsync(scratch.FullName, script.ToString(), store);
            var failures = new List<string>();
            for (var n = 0; n < steps.Count; n++)
            {
                var step = steps[n];
                var m = Regex.Match(output, $"\n\x1e{n}\n(?<out>.*)\n\x1f{n} (?<rc>\\d+)\n", RegexOptions.Singleline);
                if (!m.Success)
                {
                    failures.Add($"README.md:{step.Line}: the step did not finish (the walkthrough stopped here)");
                    break;
                }
                var printed = Normalize(m.Groups["out"].Value, baseUrl);
                if (Mismatch(step, printed, int.Parse(m.Groups["rc"].Value)) is { } why)
                    failures.Add($"README.md:{step.Line}: {why}\n    command: {step.Command.Split('\n')[0]}\n    printed: {Shorten(printed, 4000)}");
            }
            if (failures.Count > 0)
                Assert.Fail(string.Join("\n", failures) + "\n--- stderr of the walkthrough ---\n" + Shorten(errors, 3000));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    static string Normalize(string printed, string baseUrl)
    {
        var text = printed.Replace("\r", "").Replace(baseUrl, "http://localhost:5000", StringComparison.Ordinal).Trim('\n');
        var year = (DateTime.UtcNow.Year % 100).ToString("00");
        return year == "26" ? text : Regex.Replace(text, $@"\b{year}-(\d{{8}})\b", "26-$1");
    }

    static string Shorten(string text, int max = 600) => text.Length <= max ? text : text[..max] + " ...";

    // Why the printed output is not what the README shows, or null when it is.
    public static string? Mismatch(Step step, string printed, int exitCode)
    {
        if (step.Shown.Count == 0)
        {
            if (exitCode != 0) return $"exited with {exitCode}";
            if (ErrorList().IsMatch(printed)) return "printed an error and the README shows no output";
            return null;
        }
        var lines = printed.Split('\n');
        var heads = step.Shown.Where(l => HeaderLine().IsMatch(l)).ToList();
        foreach (var head in heads)
            if (!lines.Any(l => Glob(head).IsMatch(l))) return $"no printed line is `{head}`";
        var body = string.Join("\n", heads.Count > 0 ? BodyAfterHeaders(lines) : lines).Trim();
        var shownBody = step.Shown.Where(l => !HeaderLine().IsMatch(l)).ToList();
        if (shownBody.Count == 0) return null;
        if (!Glob(string.Join("\n", shownBody)).IsMatch(body)) return $"the body printed is not the one shown:\n    shown:   {Shorten(string.Join("", shownBody))}";
        return null;
    }

    // With headers shown, the body is what follows the first blank line (curl -i), or every line not a header (grep).
    static IEnumerable<string> BodyAfterHeaders(string[] lines)
    {
        var blank = Array.FindIndex(lines, l => l.Length == 0);
        return blank >= 0 ? lines.Skip(blank + 1) : lines.Where(l => !HeaderLine().IsMatch(l));
    }

    // The shown text as a whole-text pattern: `...` is anything, a README line break is any white space or none.
    static Regex Glob(string shown)
    {
        var pattern = new StringBuilder("^");
        var parts = shown.Split("...");
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) pattern.Append("(?s:.*?)");
            var pieces = parts[i].Split('\n');
            pattern.Append(string.Join(@"\s*", pieces.Select(Regex.Escape)));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.None, TimeSpan.FromSeconds(5));
    }

    static async Task<(string Out, string Error)> RunBashAsync(string folder, string script, IReadOnlyDictionary<string, string> settings)
    {
        var path = Path.Combine(folder, "walkthrough.sh");
        await File.WriteAllTextAsync(path, script);
        var start = new ProcessStartInfo("bash") { WorkingDirectory = folder, RedirectStandardOutput = true };
        start.ArgumentList.Add(path);
        foreach (var (name, value) in settings) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        // 14-20 s on a quiet machine; under the whole suite on a loaded 2-core machine 90 s was not enough (stopped at
        // the fifth admin command), so the bound is generous: it only catches a walkthrough that hangs.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        var errors = Path.Combine(folder, "stderr.log");
        return ("\n" + await output, File.Exists(errors) ? await File.ReadAllTextAsync(errors) : "");
    }

    // A status line, or a header: a name with a hyphen (Retry-After, RateLimit-Limit) or one of the few without.
    [GeneratedRegex(@"^(HTTP/\d(\.\d)? \d{3}|[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)+: |(ETag|Link|Location|Vary|Allow|Warning): )")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\[\{""code"":\d{3}|<errors><error>|""status"":[45]\d\d")]
    private static partial Regex ErrorList();
}
