using Microsoft.Playwright;

namespace Open311.Tests;

// The whole report flow with the keyboard alone: Tab to move, Enter to follow and send, arrows for a radio group,
// Space for a checkbox; no mouse, no filling by script.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class KeyboardTests(Browser browser) : IClassFixture<Browser>
{
    // Presses Tab until the focused element's name (its label, or its text) starts with `name`.
    static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("""
                () => { const e = document.activeElement; if (!e) return "";
                  const l = e.labels && e.labels.length ? e.labels[0].innerText : "";
                  return (l || e.getAttribute("aria-label") || e.innerText || "").trim(); }
                """);
            if (focused.StartsWith(name, StringComparison.Ordinal)) return;
        }
        Assert.Fail($"Tab never reached '{name}' on {page.Url}");
    }

    [BrowserFact]
    public async Task AResidentReportsWithTheKeyboardAlone()
    {
        await using var site = new Site();
        await site.EveryKindOfPotholeAsync();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Desktop);
        var page = visit.Page;
        var keys = page.Keyboard;
        await page.GotoAsync("/");

        await TabToAsync(page, "Report a problem");
        await keys.PressAsync("Enter");
        await visit.Role(AriaRole.Heading, "Choose what to report").WaitForAsync();
        await TabToAsync(page, "Pothole Repair");
        await keys.PressAsync("Enter");
        await visit.Role(AriaRole.Heading, "Pothole Repair").WaitForAsync();

        await TabToAsync(page, "Address");
        await keys.TypeAsync("301 W 2nd St");
        await TabToAsync(page, "Smaller than a dinner plate");
        await keys.PressAsync("ArrowDown"); // moves to, and chooses, "Larger than a car tire"
        await TabToAsync(page, "It fills with water");
        await keys.PressAsync("Space");
        await TabToAsync(page, "About how deep is it, in inches?");
        await keys.TypeAsync("2");
        await TabToAsync(page, "When did you first see it?");
        await keys.TypeAsync("10302026");
        await keys.PressAsync("Tab");
        await keys.TypeAsync("0815A");
        await TabToAsync(page, "Describe the problem");
        await keys.TypeAsync("Reported with the keyboard");
        await TabToAsync(page, "Send report");
        await keys.PressAsync("Enter");

        await visit.Role(AriaRole.Heading, "Report sent").WaitForAsync();
        var id = await page.RequestNumberAsync();
        var details = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0].GetProperty("details");
        Assert.Equal("large", details.GetProperty("POTHSIZE").GetString());
        Assert.Equal("water", details.GetProperty("POTHHAZ")[0].GetString());
        Assert.Equal("2026-10-30T08:15:00Z", details.GetProperty("POTHSEEN").GetString());
        await visit.CheckAsync("keyboard-sent-desktop");
    }
}
