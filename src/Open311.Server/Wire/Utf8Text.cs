using System.Globalization;
using System.Text;

namespace Open311;

// The framework decodes bad percent-escapes in a query string leniently (it keeps "%FF" as text),
// so the raw query is checked here: every parameter must decode to valid UTF-8.
static class Utf8Text
{
    public static IEnumerable<string> InvalidQueryParameters(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) yield break;
        // Most queries are plain ASCII with no escapes: nothing to decode, nothing to check.
        if (!rawQuery.Contains('%') && System.Text.Ascii.IsValid(rawQuery)) yield break;
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (!IsValid(pair)) yield return IsValid(name) ? Uri.UnescapeDataString(name.Replace('+', ' ')) : "a query parameter name";
        }
    }

    static bool IsValid(string escaped)
    {
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length
                && byte.TryParse(escaped.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(escaped[i].ToString()));
        }
        return System.Text.Unicode.Utf8.IsValid(bytes.ToArray());
    }
}
