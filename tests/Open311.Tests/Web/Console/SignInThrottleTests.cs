using System.Net;
using Microsoft.AspNetCore.Http;

namespace Open311.Tests;

// Issue 26: console sign-in attempts are limited per client address and per account (the email as typed) on top of
// the lockout; past either the page answers 429 in the console's language, before any password is checked, and with
// Redis the count is one across instances.
public class SignInThrottleTests
{
    [Fact]
    public async Task AnAddressPastItsAttemptsGets429InItsLanguageWhileOtherAddressesSignIn()
    {
        await using var app = new Open311App(new() { ["Open311:Users:SignInsPerAddress"] = "3" });
        await app.Get<UserStore>().CreateAsync("sam@example.gov", "Sam Reyes", "staff", "sam's right password", Actor.Command);
        var host = app.WithPeers();
        var attacker = host.ClientFrom("203.0.113.5");
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync($"guess{i}@example.gov", "a guess")).Status);
        var limited = await attacker.SignInAsync("sam@example.gov", "sam's right password"); // not even the right one
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.StartsWith("text/html", limited.ContentType);
        Assert.Contains("Too many sign-in attempts", limited.Alert());
        Assert.InRange(int.Parse(limited.Header("Retry-After")), 1, 15 * 60);
        Assert.DoesNotContain(limited.Message.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("open311.console")));
        var spanish = await attacker.SignInAsync("sam@example.gov", "sam's right password", "es");
        Assert.Equal(HttpStatusCode.TooManyRequests, spanish.Status);
        Assert.Contains("Demasiados intentos", spanish.Alert());
        // The lockout never saw these: the account's count is untouched.
        Assert.Equal(SignInOutcome.Wrong, (await app.Get<UserStore>().SignInAsync("sam@example.gov", "1")).Outcome);

        Assert.Equal(HttpStatusCode.Redirect, (await host.ClientFrom("203.0.113.6").SignInAsync("sam@example.gov", "sam's right password")).Status);
        app.Clock.Advance(TimeSpan.FromMinutes(15)); // the next window
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.SignInAsync("sam@example.gov", "sam's right password")).Status);
    }

    [Fact]
    public async Task AnAccountPastItsAttemptsGets429FromEveryAddressWhetherOrNotItExists()
    {
        await using var app = new Open311App(new() { ["Open311:Users:SignInsPerAccount"] = "3", ["Open311:Users:LockoutFailures"] = "100" });
        await app.Get<UserStore>().CreateAsync("sam@example.gov", "Sam Reyes", "staff", "sam's right password", Actor.Command);
        var host = app.WithPeers();
        foreach (var email in new[] { "sam@example.gov", "nobody@example.gov" })
        {
            for (var i = 1; i <= 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await host.ClientFrom($"198.51.100.{i}").SignInAsync(email, "a guess")).Status);
            var limited = await host.ClientFrom("198.51.100.9").SignInAsync(email.ToUpperInvariant(), "sam's right password");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
            Assert.Contains("Too many sign-in attempts", limited.Alert());
        }
        // Another account from the same address goes on.
        await app.Get<UserStore>().CreateAsync("ada@example.gov", "Ada Okafor", "staff", "ada's right password", Actor.Command);
        Assert.Equal(HttpStatusCode.Redirect, (await host.ClientFrom("198.51.100.9").SignInAsync("ada@example.gov", "ada's right password")).Status);
    }

    [RedisFact]
    [Trait("Storage", "pinned")]
    public async Task WithRedisTheAttemptsAreCountedOnceAcrossInstances()
    {
        var prefix = Guid.NewGuid().ToString("N");
        var limits = new Dictionary<string, string?> { ["Open311:Users:SignInsPerAddress"] = "4", ["Open311:Users:SignInsPerAccount"] = "3" };
        await using var a = new Open311App(TestRedis.Settings(prefix, limits));
        await using var b = new Open311App(TestRedis.Settings(prefix, new(limits) { ["Open311:Storage:ConnectionString"] = a.ConnectionString }));
        static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };
        var (onA, onB) = (a.Get<SignInThrottle>(), b.Get<SignInThrottle>());

        // One address, four attempts between the two instances, for four emails: the fifth is refused on either.
        for (var i = 0; i < 4; i++) Assert.Null(await (i % 2 == 0 ? onA : onB).AttemptAsync(From("203.0.113.7"), $"x{i}@example.gov", default));
        Assert.NotNull(await onA.AttemptAsync(From("203.0.113.7"), "y@example.gov", default));
        Assert.NotNull(await onB.AttemptAsync(From("203.0.113.7"), "z@example.gov", default));
        // One account, three attempts from three addresses between the instances: the fourth is refused.
        for (var i = 1; i <= 3; i++) Assert.Null(await (i % 2 == 0 ? onA : onB).AttemptAsync(From($"198.51.100.{i}"), "sam@example.gov", default));
        Assert.NotNull(await onA.AttemptAsync(From("198.51.100.8"), "Sam@Example.gov", default));
    }
}
