using Microsoft.Playwright;

namespace Open311.Tests;

// One Chromium for the whole test run (Debian's /usr/bin/chromium: Playwright cannot download its own here);
// each test opens its own context. test.sh installs chromium when it is missing and sets
// OPEN311_TEST_REQUIRE_SERVICES=1, so there a missing browser fails; a plain `dotnet test` on a machine without
// chromium skips the browser tests, saying why.
public sealed class Browser : IAsyncLifetime
{
    public const string Path = "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("OPEN311_TEST_REQUIRE_SERVICES") == "1";

    public static string? SkipReason => File.Exists(Path) || Required ? null
        : $"{Path} is not installed (apt-get install chromium; ./test.sh installs it and never skips these)";

    IPlaywright? playwright;
    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null) return;
        playwright = await Playwright.CreateAsync();
        Chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.CloseAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}

// A test that needs the browser: skipped, with the reason, only where chromium is missing and not required.
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;
}
