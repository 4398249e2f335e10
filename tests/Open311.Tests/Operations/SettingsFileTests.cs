using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Open311.Tests;

// Issue 11 item 3: appsettings.json beside the executable is read wherever the server is started from. The executable
// is put in a folder of its own (its files linked, its settings file written there) and started from another working
// directory, as a published binary is; a setting only that file holds must show in its answers.
public class SettingsFileTests
{
    [Fact]
    public async Task TheSettingsFileBesideTheExecutableIsReadFromAnyWorkingDirectory()
    {
        var root = Path.Combine(Path.GetTempPath(), "open311-tests", $"published-{Guid.NewGuid():N}");
        var app = Path.Combine(root, "app");
        var elsewhere = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(app);
        Directory.CreateDirectory(elsewhere);
        using var database = TestDatabase.Create();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory))
            {
                var name = Path.GetFileName(entry);
                if (name.StartsWith("appsettings", StringComparison.Ordinal)) continue;
                var target = Path.Combine(app, name);
                // The host resolves the app's own files to their real folder: those are copied, the rest linked.
                if (name.StartsWith("Open311.Server.", StringComparison.Ordinal)) File.Copy(entry, target);
                else File.CreateSymbolicLink(target, entry);
            }
            await File.WriteAllTextAsync(Path.Combine(app, "appsettings.json"),
                """{ "Open311": { "JurisdictionId": "beside.example", "DemoCatalog": true } }""");

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(app, "Open311.Server.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["Open311__Storage__Engine"] = database.Engine;
            start.Environment["Open311__Storage__ConnectionString"] = database.ConnectionString;
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                for (var i = 0; i < 300; i++)
                {
                    try { if ((await client.GetAsync("/healthz")).IsSuccessStatusCode) break; }
                    catch (HttpRequestException) { }
                    Assert.False(process.HasExited, "the server stopped at start");
                    await Task.Delay(100);
                }
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.json?jurisdiction_id=beside.example")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/open311/v2/services.json?jurisdiction_id=austintexas.gov")).StatusCode);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            // The links first, each on its own, so nothing they point at is touched.
            foreach (var entry in Directory.EnumerateFileSystemEntries(app))
                if (new FileInfo(entry).LinkTarget is not null)
                {
                    if (Directory.Exists(entry)) Directory.Delete(entry); else File.Delete(entry);
                }
            Directory.Delete(root, recursive: true);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
