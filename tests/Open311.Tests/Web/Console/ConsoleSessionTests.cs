using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Open311.Tests;

// Issue 26, item 2: console sessions kept in the database. Sign-out ends the session itself, so a copied cookie is
// refused afterwards; a session ends SessionMaxHours after sign-in however busy; an admin sees a user's open sessions
// and ends them all (on the users page or with `users end-sessions`); last-seen is written at most once a minute.
public class ConsoleSessionTests
{
    static async Task<StaffUser> ReadyUserAsync(Open311App app, string email, string name, string role = "staff")
    {
        var users = app.Get<UserStore>();
        var created = (await users.CreateAsync(email, name, role, "one-time-password-1", Actor.Command))!;
        return (await users.ChangePasswordAsync(created.User.Id, "one-time-password-1", "a long right password")).User!;
    }

    // The console's cookie as the browser got it at sign-in, for another client to replay.
    static async Task<(HttpClient Client, string Cookie)> SignInAsync(HttpClient client)
    {
        var reply = await client.SignInAsync("sam@example.gov", "a long right password");
        Assert.Equal(HttpStatusCode.Redirect, reply.Status);
        var cookie = reply.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("open311.console=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';')]);
    }

    static HttpClient Replaying(WebApplicationFactory<Program> app, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.FetchAsync(path)).Status;

    static async Task<Reply> PostAsync(HttpClient client, string page, string action, params (string, string)[] fields)
    {
        var token = ConsoleHttp.Token((await client.FetchAsync(page)).Body);
        return await client.PostFormAsync(action, fields.Append(("__RequestVerificationToken", token)));
    }

    static async Task<int> OpenSessionsAsync(Open311App app, long userId)
    {
        await using var c = await app.Get<Database>().OpenAsync();
        return await c.ExecuteScalarAsync<int>("SELECT count(*) FROM staff_sessions WHERE user_id = @userId", new { userId });
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutIsRefusedAfterItForTheQueueAndTheCsv()
    {
        await using var app = new Open311App();
        var sam = await ReadyUserAsync(app, "sam@example.gov", "Sam Reyes");
        var (browser, cookie) = await SignInAsync(app.Client());
        var copy = Replaying(app, cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(copy, "/console"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(copy, "/console?handler=csv"));
        Assert.Equal(1, await OpenSessionsAsync(app, sam.Id));

        var signedOut = await PostAsync(browser, "/console", "/console/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);

        Assert.Equal(0, await OpenSessionsAsync(app, sam.Id));
        foreach (var path in new[] { "/console", "/console?handler=csv" })
        {
            var replayed = await copy.FetchAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, replayed.Status);
            Assert.Contains("/console/sign-in", replayed.Message.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task ASessionEndsTwelveHoursAfterSignInHoweverOftenItIsUsed()
    {
        await using var app = new Open311App();
        await ReadyUserAsync(app, "sam@example.gov", "Sam Reyes");
        var (browser, _) = await SignInAsync(app.Client());
        for (var hours = 0; hours < 11; hours++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/console"));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, "/console"));
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // 12 h 1 min after sign-in, the last page a minute ago
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(browser, "/console"));
    }

    [Fact]
    public async Task AnAdminSeesAUsersSessionsAndEndsThemAllAndLastSeenIsWrittenAtMostOnceAMinute()
    {
        await using var app = new Open311App();
        var sam = await ReadyUserAsync(app, "sam@example.gov", "Sam Reyes");
        await ReadyUserAsync(app, "ada@example.gov", "Ada Okafor", "admin");
        var host = app.WithPeers();
        var (office, _) = await SignInAsync(host.ClientFrom("203.0.113.5"));
        var (home, _) = await SignInAsync(host.ClientFrom("198.51.100.23"));
        var admin = host.ClientFrom("192.0.2.1");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("ada@example.gov", "a long right password")).Status);

        async Task<long[]> LastSeenAsync()
        {
            await using var c = await app.Get<Database>().OpenAsync();
            return (await c.QueryAsync<long>("SELECT last_seen FROM staff_sessions WHERE user_id = @id ORDER BY address", new { id = sam.Id })).ToArray();
        }
        var signedIn = app.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, "/console"));
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, "/console"));
        Assert.Equal([signedIn, signedIn], await LastSeenAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, "/console"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(office, "/console"));
        Assert.Equal([signedIn, signedIn + 61_000], await LastSeenAsync()); // 198.51.100.23's first, then the office's

        var page = (await admin.FetchAsync("/console/admin/users")).Body;
        var samRow = page[page.IndexOf("Sam Reyes", StringComparison.Ordinal)..];
        samRow = samRow[..samRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("from 203.0.113.5", samRow);
        Assert.Contains("from 198.51.100.23", samRow);
        Assert.Equal(2, samRow.Split("<li>").Length - 1);

        var ended = await PostAsync(admin, "/console/admin/users", "/console/admin/users?handler=endSessions", ("id", sam.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Contains("The sessions of Sam Reyes are ended", ended.Body);
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(office, "/console"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(home, "/console"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(admin, "/console"));
        await using (var c = await app.Get<Database>().OpenAsync())
            Assert.Equal(1, await c.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_id = @id AND action = 'sessions ended'", new { id = sam.Id.ToString() }));

        // The admin command does the same from a shell.
        var (again, _) = await SignInAsync(host.ClientFrom("203.0.113.5"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(again, "/console"));
        var (code, output, error) = await AdminProcess.RunAsync(app.ConnectionString, null, "users", "end-sessions", sam.Id.ToString());
        Assert.True(code == 0, error);
        Assert.Contains("Ended 1 session(s)", output);
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(again, "/console"));
    }

    [Fact]
    public async Task ASignOutOnOneInstanceEndsTheSessionOnAnother()
    {
        var database = TestDatabase.Create();
        await using var a = new Open311App(database: database);
        await using var b = new Open311App(database: database.Shared());
        await ReadyUserAsync(a, "sam@example.gov", "Sam Reyes");
        var (browser, cookie) = await SignInAsync(a.Client());
        var onB = Replaying(b, cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(onB, "/console"));
        await PostAsync(browser, "/console", "/console/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(onB, "/console"));
    }
}
