using System.IO.Hashing;

namespace Open311;

// Strong ETags for public GET answers: a hash of the bytes sent, so equal answers have equal tags
// whichever instance made them, and If-None-Match with a tag still current answers 304 (RFC 9110 §13.1.2).
static class EntityTags
{
    public static string Of(ReadOnlySpan<byte> body) => $"\"{XxHash128.HashToUInt128(body):x32}\"";

    // The same for an answer sent in parts (JSONP's callback around the body).
    public static string Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var hash = new XxHash128();
        hash.Append(first);
        hash.Append(second);
        hash.Append(third);
        return $"\"{hash.GetCurrentHashAsUInt128():x32}\"";
    }

    // If-None-Match on a public GET: a tag still current answers 304.
    public static bool Matches(HttpRequest request, string etag) => AnyMatches(request.Headers.IfNoneMatch, etag);

    // A header's list of tags ("a", W/"b", or *) against the current one. Tags compare weakly: W/"x" matches "x".
    public static bool AnyMatches(IEnumerable<string?> headers, string etag)
    {
        foreach (var header in headers)
            foreach (var tag in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag) return true;
        return false;
    }
}
