using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Open311.Tests;

// What only HTTP shows about the console: a visitor is sent to sign in, a form without its antiforgery token is
// refused, and no console answer may be kept by a cache; the console's cookie never reaches the APIs.
[Trait("Storage", "pinned")] // no storage difference: the accounts are tested on both engines by UserStoreTests
public class ConsoleHttpTests
{
    [Fact]
    public async Task AVisitorIsSentToSignInAndAFormWithoutItsTokenIsRefused()
    {
        await using var app = new Open311App();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/console", "/console/map", "/console/requests/26-00000001", "/console/admin/users", "/console/admin/keys" })
        {
            var reply = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
            Assert.StartsWith("/console/sign-in?returnUrl=", reply.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        }
        var signIn = await client.GetAsync("/console/sign-in");
        Assert.True(signIn.Headers.CacheControl!.NoStore);
        Assert.Contains("default-src 'self'", signIn.Headers.GetValues("Content-Security-Policy").Single());

        await app.Get<UserStore>().CreateAsync("ada@example.gov", "Ada Okafor", "admin", "the right password", Actor.Command);
        var forged = await client.PostAsync("/console/sign-in",
            new FormUrlEncodedContent([new("Email", "ada@example.gov"), new("Password", "the right password")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("open311.console")));
    }
}
