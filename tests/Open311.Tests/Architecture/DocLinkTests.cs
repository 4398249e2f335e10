using System.Text;
using System.Text.RegularExpressions;

namespace Open311.Tests;

// Everything the README and docs/ cite is in the repository: every relative link (Markdown or an <img src>) in
// README.md and docs/*.md names a file or folder that exists, none leads outside the repository, and a link to a
// section (`API.md#7-keys-and-limits`, `#2-errors`) names a heading that file has. The contract's sections are cited
// as links into docs/API.md, never as the CONTRACT.md that the repository does not ship.
[Trait("Storage", "none")]
public partial class DocLinkTests
{
    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Open311.slnx) was not found above the test's folder.");
    }

    static IEnumerable<string> Documents(string root) =>
        new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));

    static IEnumerable<string> Targets(string text) =>
        Link().Matches(text).Select(m => m.Groups["md"].Success ? m.Groups["md"].Value : m.Groups["src"].Value);

    static bool IsExternal(string target) =>
        target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal);

    [Fact]
    public void EveryRelativeLinkResolvesToAFileInTheRepository()
    {
        var root = FindRoot();
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in Documents(root))
        {
            foreach (var target in Targets(File.ReadAllText(document)))
            {
                if (IsExternal(target) || target.StartsWith('#')) continue;
                checkedLinks++;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target.Split('#')[0]));
                var inside = path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!inside || !(File.Exists(path) || Directory.Exists(path)))
                    broken.Add($"{Path.GetRelativePath(root, document)}: {target}{(inside ? "" : " (outside the repository)")}");
            }
        }
        Assert.True(checkedLinks > 3, "no relative links were found: the pattern is wrong");
        Assert.Empty(broken);
    }

    // A #fragment into a Markdown file (the same one, or another in the repository) names one of its headings, by
    // GitHub's anchor rules.
    [Fact]
    public void EveryLinkToASectionNamesAHeadingOfItsFile()
    {
        var root = FindRoot();
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in Documents(root))
        {
            foreach (var target in Targets(File.ReadAllText(document)))
            {
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                if (IsExternal(target) || hash < 0) continue;
                var file = target[..hash].Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, target[..hash]));
                if (!file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(file)) continue; // the other test's concern
                checkedLinks++;
                var fragment = Uri.UnescapeDataString(target[(hash + 1)..]);
                if (!Anchors(File.ReadAllText(file)).Contains(fragment))
                    broken.Add($"{Path.GetRelativePath(root, document)}: {target} (no such heading in {Path.GetRelativePath(root, file)})");
            }
        }
        Assert.True(checkedLinks > 20, $"only {checkedLinks} links to a section were found: the pattern is wrong");
        Assert.Empty(broken);
    }

    // "CONTRACT §N" was a file outside the repository; each citation of a section is a link to docs/API.md whose
    // anchor is that section's (API §7 → API.md#7-...).
    [Fact]
    public void SectionsAreCitedAsLinksIntoTheApiReference()
    {
        var root = FindRoot();
        var problems = new List<string>();
        var citations = 0;
        foreach (var document in Documents(root))
        {
            var name = Path.GetRelativePath(root, document);
            var text = File.ReadAllText(document);
            foreach (Match m in ContractMention().Matches(text))
                problems.Add($"{name}: '{m.Value}' names a file the repository does not have; link to docs/API.md instead");
            var linked = new HashSet<int>();
            foreach (Match m in SectionLink().Matches(text))
            {
                citations++;
                linked.Add(m.Index);
                if (m.Groups["section"].Value != m.Groups["anchor"].Value)
                    problems.Add($"{name}: '{m.Value}' cites §{m.Groups["section"].Value} but links to section {m.Groups["anchor"].Value}");
            }
            foreach (Match m in SectionCitation().Matches(text))
                if (!linked.Contains(m.Index - 1)) // the '[' of a link
                    problems.Add($"{name}: '{m.Value}' is not a link to its section of docs/API.md");
        }
        Assert.True(citations > 5, $"only {citations} links to a section of docs/API.md were found: the pattern is wrong");
        Assert.Empty(problems);
    }

    // GitHub's anchors: the heading's text as rendered (links by their text, no code marks or emphasis), lower-cased,
    // every character but letters, digits, spaces, '-' and '_' dropped, spaces to '-'; a repeated anchor gets -1, -2, ...
    // Lines inside fenced code blocks are not headings.
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced || Heading().Match(line) is not { Success: true } heading) continue;
            var anchor = Slug(heading.Groups["text"].Value);
            var n = seen.GetValueOrDefault(anchor);
            seen[anchor] = n + 1;
            anchors.Add(n == 0 ? anchor : $"{anchor}-{n}");
        }
        return anchors;
    }

    internal static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading.Trim(), "${text}").ToLowerInvariant();
        var slug = new StringBuilder();
        foreach (var c in text)
            if (c == ' ') slug.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
        return slug.ToString();
    }

    [Theory]
    [InlineData("7. Keys and limits", "7-keys-and-limits")]
    [InlineData("11. FixMyStreet and the mySociety extensions", "11-fixmystreet-and-the-mysociety-extensions")]
    [InlineData("13. Start-up errors, metrics and logs", "13-start-up-errors-metrics-and-logs")]
    [InlineData("Places ([API §10](API.md#10-places), as this server does it)", "places-api-10-as-this-server-does-it")]
    [InlineData("The `Open311__Tuning__*` settings", "the-open311__tuning__-settings")]
    public void SlugsFollowGitHubsRules(string heading, string anchor) => Assert.Equal(anchor, Slug(heading));

    [Fact]
    public void RepeatedHeadingsAndCodeBlocksAreTreatedAsGitHubDoes()
    {
        var anchors = Anchors("# Notes\n\n```sh\n# not a heading\n```\n## Notes\n### Notes\n");
        Assert.Equal(new[] { "notes", "notes-1", "notes-2" }, anchors.Order(StringComparer.Ordinal).ToArray());
    }

    [GeneratedRegex(@"\]\((?<md>[^)\s]+)\)|<img[^>]*\ssrc=""(?<src>[^""]+)""")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"CONTRACT(?: §|\.md)")]
    private static partial Regex ContractMention();

    [GeneratedRegex(@"\[API §(?<section>\d+)\]\((?:docs/)?API\.md#(?<anchor>\d+)-[^)]*\)")]
    private static partial Regex SectionLink();

    [GeneratedRegex(@"API §\d+")]
    private static partial Regex SectionCitation();
}
