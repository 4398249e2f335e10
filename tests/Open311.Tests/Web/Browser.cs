using Microsoft.Playwright;

namespace Open311.Tests;

// One Chromium for the test classes that run at a time (Debian's /usr/bin/chromium: Playwright cannot download its
// own here), shared by them: each browser test class takes it as a class fixture, so those classes run in parallel
// like any other, and each test opens its own context. The first class to start launches it, the last to end
// closes it. test.sh installs chromium when it is missing and sets OPEN311_TEST_REQUIRE_SERVICES=1, so there a
// missing browser fails; a plain `dotnet test` on a machine without chromium skips the browser tests, saying why.
public sealed class Browser : IAsyncLifetime
{
    public const string Path = "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("OPEN311_TEST_REQUIRE_SERVICES") == "1";

    public static string? SkipReason => File.Exists(Path) || Required ? null
        : $"{Path} is not installed (apt-get install chromium; ./test.sh installs it and never skips these)";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static int users;
    static IPlaywright? playwright;
    static IBrowser? shared;

    public IBrowser Chromium => shared ?? throw new InvalidOperationException("the browser is not running");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        await Gate.WaitAsync();
        try
        {
            if (users > 0) { users++; return; }
            playwright = await Playwright.CreateAsync();
            shared = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Path,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
            users = 1;
        }
        finally { Gate.Release(); }
    }

    public async Task DisposeAsync()
    {
        if (SkipReason is not null) return;
        await Gate.WaitAsync();
        try
        {
            if (users == 0 || --users > 0) return; // 0: its start failed, and said so
            if (shared is not null) await shared.CloseAsync();
            playwright?.Dispose();
            (shared, playwright) = (null, null);
        }
        finally { Gate.Release(); }
    }
}

// A test that needs the browser: skipped, with the reason, only where chromium is missing and not required.
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;
}
