using System.Text.Json;

namespace Open311.Tests;

// `services export FILE` and `services import FILE [--replace|--merge]`, run as the admin commands run.
public class CatalogTransferTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("open311-catalog-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string FileNamed(string name) => Path.Combine(folder, name);

    static Task<int> RunAsync(Open311App app, params string[] args) => AdminCommands.RunAsync(app.Services, args);

    static JsonElement Services(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    // The file without updated_at, which says when it was exported, not what.
    static string Content(string path) =>
        string.Join("\n", Services(path).EnumerateArray().Select(s =>
            JsonSerializer.Serialize(s.EnumerateObject().Where(p => p.Name != "updated_at").ToDictionary(p => p.Name, p => p.Value))));

    [Fact]
    public async Task AnExportedCatalogImportsIntoAnEmptyServerAndExportsTheSame()
    {
        await using var source = new Open311App();
        source.CreateClient();
        var first = FileNamed("first.json");
        Assert.Equal(0, await RunAsync(source, "services", "export", first));
        var exported = Services(first);
        Assert.True(exported.GetArrayLength() >= 14);
        Assert.Contains(exported.EnumerateArray(), s => s.GetProperty("attributes").EnumerateArray()
            .Any(a => a.GetProperty("datatype").GetString() == "multivaluelist" && a.GetProperty("values").GetArrayLength() > 1));

        await using var target = new Open311App(new() { ["Open311:DemoCatalog"] = "false" });
        var client = target.CreateClient();
        Assert.Equal(0, (await client.FetchAsync("/open311/v2/services.json")).Json.GetArrayLength());
        Assert.Equal(0, await RunAsync(target, "services", "import", first));
        var second = FileNamed("second.json");
        Assert.Equal(0, await RunAsync(target, "services", "export", second));
        Assert.Equal(Content(first), Content(second));
        Assert.Equal((await source.CreateClient().FetchAsync("/open311/v2/services/SWSMISSE.xml")).Body,
            (await client.FetchAsync("/open311/v2/services/SWSMISSE.xml")).Body);
    }

    [Fact]
    public async Task AFileWithAnyProblemWritesNothing()
    {
        await using var app = new Open311App();
        app.CreateClient();
        var path = FileNamed("bad.json");
        File.WriteAllText(path, """
            [{"service_code":"GOODONE","service_name":"Fine"},
             {"service_code":"PWPOTHOL","service_name":"Renamed pothole"},
             {"service_code":"BAD ONE","service_name":"Broken","attributes":[{"code":"X","datatype":"colour","description":"?","order":1}]}]
            """);
        Assert.Equal(1, await RunAsync(app, "services", "import", path));
        var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.FetchAsync("/open311/v2/services/GOODONE.json")).Status);
        var list = (await client.FetchAsync("/open311/v2/services.json")).Json.EnumerateArray();
        Assert.Equal("Pothole Repair", list.Single(s => s.GetProperty("service_code").GetString() == "PWPOTHOL").GetProperty("service_name").GetString());

        File.WriteAllText(path, "[{\"service_code\":");
        Assert.Equal(1, await RunAsync(app, "services", "import", path));
        File.WriteAllText(path, """[{"service_code":"DUP","service_name":"a"},{"service_code":"DUP","service_name":"b"}]""");
        Assert.Equal(1, await RunAsync(app, "services", "import", path));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.FetchAsync("/open311/v2/services/DUP.json")).Status);
    }

    [Fact]
    public async Task MergeKeepsOtherServicesAndReplaceRemovesThem()
    {
        await using var app = new Open311App();
        var client = app.CreateClient();
        await client.CreatePotholeAsync(await app.KeyAsync());
        var before = (await client.FetchAsync("/open311/v2/services.json")).Json.GetArrayLength();
        var path = FileNamed("one.json");
        File.WriteAllText(path, """[{"service_code":"ONLYONE","service_name":"The only service","type":"batch"}]""");

        Assert.Equal(0, await RunAsync(app, "services", "import", path, "--merge"));
        Assert.Equal(before + 1, (await client.FetchAsync("/open311/v2/services.json")).Json.GetArrayLength());

        Assert.Equal(0, await RunAsync(app, "services", "import", path, "--replace"));
        var codes = (await client.FetchAsync("/open311/v2/services.json")).Json.EnumerateArray()
            .Select(s => s.GetProperty("service_code").GetString()).Order().ToList();
        // The pothole service has a request, so it stays, switched off.
        Assert.Equal(["ONLYONE", "PWPOTHOL"], codes);
        var pothole = await client.FetchAsync("/open311/v2/services/PWPOTHOL.json?extensions=true");
        Assert.False(pothole.Json.GetProperty("extended_attributes").GetProperty("active").GetBoolean());
        Assert.Equal(2, await RunAsync(app, "services", "import", path, "--replace", "--merge")); // a usage error
    }
}
