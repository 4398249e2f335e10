namespace Open311;

// Who is calling: the key presented with the call, if any, resolved before the rate limiter runs
// so that a key in a form body counts too (Austin addendum).
sealed class Caller
{
    public ApiKey? Key { get; init; }

    // Set when the call presented a key we can't accept: unknown or revoked (403), or two different keys (400).
    public Open311Error? Problem { get; init; }

    public bool IsStaff => Key?.IsStaff == true;

    // A front door of the server itself (the resident site) acts under its own name, with no key.
    public Actor? Site { get; init; }

    public Actor Actor => Key?.Actor ?? Site ?? Actor.Anonymous;

    public static readonly Caller Anonymous = new();
    public static readonly Caller ResidentSite = new() { Site = Actor.ResidentSite };
}

static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => context.Features.Get<Caller>() ?? Open311.Caller.Anonymous;
}
