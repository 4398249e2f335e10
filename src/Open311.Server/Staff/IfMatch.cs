namespace Open311;

// Optimistic concurrency for request updates: GET gives ETag "VERSION" (requests.version); a change sent
// with If-Match answers 412 when the request changed since. Without If-Match the change applies.
readonly record struct IfMatch(string? Header)
{
    public static IfMatch From(HttpRequest request) =>
        new(request.Headers.IfMatch.ToString() is { Length: > 0 } header ? header : null);

    public static string ETag(long version) => $"\"{version}\"";

    public bool Matches(long version) => Header is null || EntityTags.AnyMatches([Header], ETag(version));
}
