using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Open311.Tests;

// The pages' strings: both languages hold the same names, and every name a page or the form's errors ask for exists.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class WebTextTests
{
    internal static readonly string Web = Path.Combine(FindRoot(), "src", "Open311.Server", "Web");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Open311.slnx not found above the test's folder");
    }

    internal static HashSet<string> Names(string file) =>
        XDocument.Load(Path.Combine(Web, "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [Fact]
    public void EnglishAndSpanishHoldTheSameNames()
    {
        var en = Names("Text.resx");
        var es = Names("Text.es.resx");
        Assert.Empty(en.Except(es));
        Assert.Empty(es.Except(en));
    }

    // A name built from a prefix (T["Con_" + problem]) is checked by ConsoleTextTests, family by family.
    [Fact]
    public void EveryStringAPageOrARuleAsksForExists()
    {
        var en = Names("Text.resx");
        var asked = Directory.GetFiles(Web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Web, "*.cs", SearchOption.AllDirectories))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?:T|text)\[""([A-Za-z0-9_]+)""(?!\s*\+)").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(asked.Count > 50, $"only {asked.Count} names found: the scan is broken");
        // Every rule the submission checks can be said beside its field (Err_other covers none of these).
        var rules = typeof(Rules).GetFields().Select(f => (string)f.GetValue(null)!)
            .Where(r => r is not (Rules.NotAUrl or Rules.Channel)).Select(r => $"Err_{r}");
        var missing = asked.Concat(rules).Where(name => !en.Contains(name)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }
}
