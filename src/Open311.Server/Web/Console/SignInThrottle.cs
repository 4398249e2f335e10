using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Open311;

// Issue 26: console sign-in attempts limited per client address and per account (the email as typed, whether or
// not an account has it, so the limit tells nobody which exist), on top of the account's lockout. Every attempt
// counts, refused ones too, in clock windows of Open311:Users:SignInWindowMinutes; counted by the rate counter
// the API's limits use, so with Open311:Redis set the limits hold across every instance. The email goes into the
// counter's key only as a hash.
sealed class SignInThrottle(IRateCounter counter, IOptions<UserOptions> options, TimeProvider time)
{
    // When attempts may start again (the end of the window), or null when this one may go on.
    public async Task<DateTimeOffset?> AttemptAsync(HttpContext context, string email, CancellationToken ct)
    {
        var o = options.Value;
        var window = o.SignInWindowMinutes * 60_000L;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var byAddress = await counter.HitAsync($"sign-in:address:{address}", o.SignInsPerAddress, window, now, ct);
        if (byAddress.Allowed)
        {
            var account = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StaffUser.NormalEmail(email))))[..32];
            if ((await counter.HitAsync($"sign-in:account:{account}", o.SignInsPerAccount, window, now, ct)).Allowed) return null;
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(RateWindow.EndMs(now, window));
    }
}
