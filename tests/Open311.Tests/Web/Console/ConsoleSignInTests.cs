using System.Net;

namespace Open311.Tests;

// Issue 26: the sign-in page answers a locked account exactly as a wrong password or an unknown email, so nobody
// can tell which staff emails exist or that one is locked; the admin sees the lock on the users page.
public class ConsoleSignInTests
{
    [Fact]
    public async Task ALockedAccountReadsAsAWrongPasswordAndOnlyTheAdminSeesTheLock()
    {
        await using var app = new Open311App();
        var users = app.Get<UserStore>();
        var ada = (await users.CreateAsync("ada@example.gov", "Ada Okafor", "admin", "one-time-password-1", Actor.Command))!;
        await users.ChangePasswordAsync(ada.User.Id, "one-time-password-1", "the admin's password");
        await users.CreateAsync("sam@example.gov", "Sam Reyes", "staff", "sam's right password", Actor.Command);
        var client = app.Client();

        var wrong = await client.SignInAsync("sam@example.gov", "wrong password 1");
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("do not match an active account", wrong.Alert());
        for (var i = 2; i <= 5; i++) Assert.Equal(wrong.Alert(), (await client.SignInAsync("sam@example.gov", $"wrong password {i}")).Alert());
        var locked = await client.SignInAsync("sam@example.gov", "sam's right password");
        Assert.Equal(SignInOutcome.Locked, (await users.SignInAsync("sam@example.gov", "sam's right password")).Outcome);
        Assert.Equal(wrong.Alert(), locked.Alert());
        Assert.Equal(wrong.Alert(), (await client.SignInAsync("nobody@example.gov", "anything at all")).Alert());
        var spanish = await client.SignInAsync("sam@example.gov", "sam's right password", "es");
        Assert.Equal((await client.SignInAsync("nadie@example.gov", "lo que sea", "es")).Alert(), spanish.Alert());
        Assert.Contains("no corresponden a una cuenta activa", spanish.Alert());

        var admin = await app.SignedInAsync("ada@example.gov", "the admin's password");
        var page = await admin.FetchAsync("/console/admin/users");
        var samRow = page.Body[page.Body.IndexOf("Sam Reyes", StringComparison.Ordinal)..];
        Assert.Contains("locked", samRow[..samRow.IndexOf("</tr>", StringComparison.Ordinal)]);
    }
}
