using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Open311.Tests;

// The server on a real loopback port (Kestrel), for a browser: its own database, as every Open311App.
sealed class Site : IAsyncDisposable
{
    public Open311App App { get; }
    public string BaseUrl { get; }
    public HttpClient Api { get; }

    // Where screenshots go: under the test output, one folder for the run.
    public static readonly string Screenshots = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");

    // Full-page screenshots are for people looking at the pages (docs/WEB.md): a few hundred milliseconds each, so
    // taken only when OPEN311_TEST_SCREENSHOTS=1. What the tests check (axe, console, CSP, foreign hosts) runs always.
    public static readonly bool TakeScreenshots = Environment.GetEnvironmentVariable("OPEN311_TEST_SCREENSHOTS") == "1";

    // database: one the test prepared (an admin command ran on it first); it is disposed with the site.
    public Site(Dictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        var all = new Dictionary<string, string?> { ["Open311:Map:TileUrl"] = "" };
        foreach (var (k, v) in settings ?? []) all[k] = v;
        App = new Open311App(all, database);
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task<Visit> VisitAsync(IBrowser browser, Screen screen, string locale = "en-US", bool javaScript = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height },
            IsMobile = screen.Phone, HasTouch = screen.Phone, DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        var visit = new Visit(context, await context.NewPageAsync(), new Uri(BaseUrl).Authority);
        await visit.WatchAsync();
        return visit;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await App.DisposeAsync();
    }
}

public sealed record Screen(string Name, int Width, int Height, bool Phone)
{
    public static readonly Screen Phone390 = new("phone", 390, 844, true);
    public static readonly Screen Desktop = new("desktop", 1280, 900, false);
    public static readonly Screen[] Both = [Phone390, Desktop];
}

// One browser context on the site: every request to another host is aborted and remembered (the site must make
// none), and so is every Content-Security-Policy complaint and script error.
sealed class Visit(IBrowserContext context, IPage page, string authority) : IAsyncDisposable
{
    public IPage Page => page;
    public ConcurrentQueue<string> Foreign { get; } = new();
    public ConcurrentQueue<string> Problems { get; } = new();

    public async Task WatchAsync()
    {
        await context.RouteAsync("**/*", async route =>
        {
            var uri = new Uri(route.Request.Url);
            if (uri.Scheme is "http" or "https" && uri.Authority != authority)
            {
                Foreign.Enqueue(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) Problems.Enqueue(m.Text);
        };
        page.PageError += (_, e) => Problems.Enqueue(e);
    }

    public ILocator Role(AriaRole role, string name, bool exact = false) => page.GetByRole(role, new() { Name = name, Exact = exact });

    // axe-core finds nothing on the page as it is now; a screenshot of it is kept under the test output.
    public async Task CheckAsync(string shot)
    {
        var result = await page.RunAxe();
        var found = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(found.Count == 0, $"{page.Url}\n{string.Join("\n", found)}");
        await ShotAsync(shot);
    }

    // A screenshot alone: axe-core runs as a script, which a context without JavaScript never answers.
    public async Task ShotAsync(string shot)
    {
        if (Site.TakeScreenshots)
        {
            Directory.CreateDirectory(Site.Screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(Site.Screenshots, shot + ".png"), FullPage = true });
        }
        Assert.True(Problems.IsEmpty, string.Join("\n", Problems));
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
