using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Open311.Tests;

// docs/ARCHITECTURE.md says which folder of the server may use which. This reads that table, compiles the
// server's sources with Roslyn and resolves every name in them: a type (or an extension method's class) used in
// a folder must be declared in the same folder or in one its row lists.
[Trait("Storage", "none")]
public class FolderDependencyTests
{
    static readonly string Root = FindRoot();
    static readonly string Source = Path.Combine(Root, "src", "Open311.Server");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Open311.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (Open311.slnx) was not found above the test's folder.");
    }

    static Dictionary<string, string[]> AllowedByDocs()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "ARCHITECTURE.md"));
        var start = text.IndexOf("<!-- dependencies", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- end of dependencies -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/ARCHITECTURE.md has no dependency table between its markers");
        var rows = new Dictionary<string, string[]>();
        foreach (var line in text[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells[0] is "folder" || cells[0].StartsWith("---", StringComparison.Ordinal)) continue;
            rows[cells[0]] = cells[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        return rows;
    }

    static string[] Folders() => Directory.GetDirectories(Source).Select(Path.GetFileName)
        .Where(f => f is not ("bin" or "obj" or "Properties" or "wwwroot")).Select(f => f!).ToArray();

    static string? FolderOf(string path)
    {
        var relative = Path.GetRelativePath(Source, path).Split(Path.DirectorySeparatorChar);
        return relative.Length > 1 ? relative[0] : null; // Program.cs sits at the top, outside every folder
    }

    // The web SDK's implicit usings, as the server's project has them.
    const string GlobalUsings = """
        global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq;
        global using System.Net.Http; global using System.Net.Http.Json; global using System.Threading; global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder; global using Microsoft.AspNetCore.Hosting; global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing; global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection; global using Microsoft.Extensions.Hosting; global using Microsoft.Extensions.Logging;
        """;

    // Every use of a type of the server, as (file, type).
    static List<(string File, INamedTypeSymbol Type)> Uses()
    {
        var trees = Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => FolderOf(f) is not ("bin" or "obj"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, path: "GlobalUsings.cs"))
            .ToList();
        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Builder.WebApplication) }.Select(t => Path.GetDirectoryName(t.Assembly.Location)!);
        var references = frameworks.SelectMany(d => Directory.GetFiles(d, "*.dll"))
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("Open311.", StringComparison.Ordinal)))
            .GroupBy(Path.GetFileName).Select(g => g.First())
            .Select(f => { try { return MetadataReference.CreateFromFile(f); } catch (BadImageFormatException) { return null; } })
            .OfType<MetadataReference>();
        var compilation = CSharpCompilation.Create("Open311.Server", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var uses = new List<(string, INamedTypeSymbol)>();
        foreach (var tree in trees.Where(t => t.FilePath != "GlobalUsings.cs"))
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                var type = symbol switch
                {
                    INamedTypeSymbol t => t,
                    IMethodSymbol { IsExtensionMethod: true } m => m.ContainingType,
                    IMethodSymbol { ReducedFrom: { } m } => m.ContainingType,
                    ISymbol { IsStatic: true } s => s.ContainingType,
                    _ => null,
                };
                if (type?.OriginalDefinition is { } definition && definition.Locations.FirstOrDefault(l => l.IsInSource) is { } where
                    && where.SourceTree!.FilePath != tree.FilePath)
                    uses.Add((tree.FilePath, definition));
            }
        }
        return uses;
    }

    [Fact]
    public void EveryFolderOfTheServerHasARowAndEveryRowAFolder()
    {
        Assert.Equal(Folders().Order(), AllowedByDocs().Keys.Order());
    }

    [Fact]
    public void EveryFolderUsesOnlyTheFoldersItsRowLists()
    {
        var allowed = AllowedByDocs();
        var uses = Uses();
        Assert.True(uses.Count > 500, $"only {uses.Count} uses were resolved: the compilation is missing references");
        var breaches = uses
            .Select(u => (User: FolderOf(u.File), Owner: FolderOf(u.Type.Locations.First(l => l.IsInSource).SourceTree!.FilePath), u.File, u.Type))
            .Where(u => u.User is not null && u.Owner is not null && u.User != u.Owner && !allowed[u.User].Contains(u.Owner))
            .Select(u => $"{Path.GetRelativePath(Source, u.File)} uses {u.Type.Name} from {u.Owner}")
            .Distinct().Order().ToList();
        Assert.True(breaches.Count == 0, string.Join("\n", breaches));
    }
}
