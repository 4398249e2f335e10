using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Open311.Tests;

// The server in memory with a database of its own (TodoApi's TodoApplication): tests never share data.
// The clock is a FakeTimeProvider the test moves; settings are the operator's configuration keys.
sealed class Open311App : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    readonly Dictionary<string, string?> settings;
    readonly TestDatabase database;

    public FakeTimeProvider Clock { get; } = new(Start);
    public ConcurrentQueue<string> Logs { get; } = new();

    // A test that needs a particular engine (or a database it prepared) passes its own; it is disposed with the app.
    public Open311App(Dictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        this.database = database ?? TestDatabase.Create();
        PhotoFolder = Path.Combine(Path.GetTempPath(), "open311-tests", $"photos-{Guid.NewGuid():N}");
        this.settings = new Dictionary<string, string?>
        {
            ["Open311:Storage:Engine"] = this.database.Engine,
            ["Open311:Storage:ConnectionString"] = this.database.ConnectionString,
            ["Open311:JurisdictionId"] = "austintexas.gov",
            // Tests make many calls inside one frozen minute; rate-limit tests set their own limits.
            ["Open311:RateLimits:AnonymousPerMinute"] = "100000",
            ["Open311:RateLimits:KeyPerMinute"] = "100000",
            ["Open311:RateLimits:WebPostsPerMinute"] = "100000",
            ["Open311:Photos:Folder"] = PhotoFolder,
        };
        foreach (var (key, value) in settings ?? []) this.settings[key] = value;
    }

    public string ConnectionString => database.ConnectionString;

    // Photo files of this test alone, removed with it.
    public string PhotoFolder { get; }

    public string[] PhotoFiles => Directory.Exists(PhotoFolder) ? Directory.GetFiles(PhotoFolder) : [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(Logs)));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    // A key made the way `keys create` makes one; returns the secret.
    public async Task<string> KeyAsync(string role = "client", int? perMinute = null, string name = "test app") =>
        (await Get<KeyStore>().CreateAsync(name, role, perMinute, Actor.Command)).Secret;

    // Makes the storage unreachable, as a lost disk or a stopped database server would.
    public Task BreakStorageAsync() => database.BreakAsync();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Cleanup();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Cleanup();
    }

    void Cleanup()
    {
        database.Dispose();
        try { if (Directory.Exists(PhotoFolder)) Directory.Delete(PhotoFolder, recursive: true); } catch (IOException) { }
    }
}
