namespace Open311;

// Who is calling: the key presented with the call, if any, resolved before the rate limiter runs
// so that a key in a form body counts too (Austin addendum).
sealed class Caller
{
    public ApiKey? Key { get; init; }

    // Set when the call presented a key we can't accept: unknown or revoked (403), or two different keys (400).
    public Open311Error? Problem { get; init; }

    public bool IsStaff => Key?.IsStaff == true;

    public Actor Actor => Key?.Actor ?? Actor.Anonymous;

    public static readonly Caller Anonymous = new();
}

static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => context.Features.Get<Caller>() ?? Open311.Caller.Anonymous;
}
