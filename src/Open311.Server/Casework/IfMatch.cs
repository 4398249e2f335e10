namespace Open311;

// The version a change expects (optimistic concurrency): GET gives ETag "VERSION" (requests.version); a change sent
// with If-Match, or from a page that showed a version, is refused as stale when the request changed since. Any
// (no If-Match) applies whatever the version.
readonly record struct IfMatch(string? Header)
{
    public static readonly IfMatch Any = new(null);

    public static IfMatch From(HttpRequest request) =>
        new(request.Headers.IfMatch.ToString() is { Length: > 0 } header ? header : null);

    // The version a page showed.
    public static IfMatch Version(long version) => new(ETag(version));

    public static string ETag(long version) => $"\"{version}\"";

    public bool Matches(long version) => Header is null || EntityTags.AnyMatches([Header], ETag(version));
}
