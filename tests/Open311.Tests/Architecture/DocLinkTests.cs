using System.Text.RegularExpressions;

namespace Open311.Tests;

// Everything the README and docs/ cite is in the repository: every relative link (Markdown or an <img src>) in
// README.md and docs/*.md names a file or folder that exists, and none leads outside the repository.
[Trait("Storage", "none")]
public partial class DocLinkTests
{
    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Open311.slnx) was not found above the test's folder.");
    }

    [Fact]
    public void EveryRelativeLinkResolvesToAFileInTheRepository()
    {
        var root = FindRoot();
        var documents = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            foreach (Match m in Link().Matches(File.ReadAllText(document)))
            {
                var target = m.Groups["md"].Success ? m.Groups["md"].Value : m.Groups["src"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith('#') || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
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

    [GeneratedRegex(@"\]\((?<md>[^)\s]+)\)|<img[^>]*\ssrc=""(?<src>[^""]+)""")]
    private static partial Regex Link();
}
