using System.Text.RegularExpressions;

namespace Open311.Tests;

// The console's strings that are named by a code rather than written out (T["Con_" + problem]): every code the
// console's pages and the account store can give has its text.
[Trait("Storage", "none")]
public class ConsoleTextTests
{
    static readonly HashSet<string> En = WebTextTests.Names("Text.resx");

    static string Code(params string[] parts) => File.ReadAllText(Path.Combine([WebTextTests.Web, .. parts]));

    [Fact]
    public void EveryProblemAndOutcomeCodeOfTheConsoleHasItsText()
    {
        var console = Path.Combine(WebTextTests.Web, "Console");
        var codes = Directory.GetFiles(console, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?<!: )""([A-Z][A-Za-z]+)""").Select(m => m.Groups[1].Value)) // not a JSON value (the catalog's template)
            .Concat(Regex.Matches(Code("..", "Users", "UserStore.cs"), @"""(Password[A-Za-z]+)""").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(codes.Count > 25, $"only {codes.Count} codes found: the scan is broken");
        var missing = codes.Where(c => !En.Contains("Con_" + c) && !En.Contains(c)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void EveryOutcomeOfTheRequestPageHasItsText()
    {
        var page = Code("Console", "Request.cshtml.cs");
        var done = Regex.Matches(page, @"AnswerAsync\(id, result, ([^;]+)\);").SelectMany(m => Regex.Matches(m.Groups[1].Value, @"""([a-z-]+)"""))
            .Select(m => m.Groups[1].Value).Concat(Regex.Matches(page, @"done=([a-z-]+)").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.True(done.Count >= 6, string.Join(", ", done));
        var missing = done.Where(d => !En.Contains("Con_Done_" + d)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void EveryChoiceOfTheFiltersAndRolesHasItsText()
    {
        var names = QueueQuery.Ages.Select(a => "Con_Age_" + a).Concat(QueueQuery.Sorts.Select(s => "Con_Sort_" + s))
            .Concat(StaffUser.RolesAllowed.Select(r => "Con_Role_" + r)).ToList();
        Assert.Equal(QueueQuery.Ages.Length + QueueQuery.Sorts.Length + 2, names.Count);
        var missing = names.Where(n => !En.Contains(n)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }
}
