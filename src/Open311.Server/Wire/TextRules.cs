using System.Buffers;
using System.Text;
using System.Xml;

namespace Open311;

// The one rule for text the server takes in and sends out: what XML 1.0 can carry (§2.2, Char). Every write
// refuses the rest at the door (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates), so
// one bad value can't take an XML feed down; text stored before the rule (or by hand) is still written
// safely: in XML each such character becomes U+FFFD, while JSON, which can carry it, keeps the original.
static class TextRules
{
    // Everything XML 1.0 refuses in the basic plane, and the surrogates, which are fine only in pairs.
    static readonly SearchValues<char> Suspect = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\uFFFE\uFFFF" + Surrogates());

    static string Surrogates()
    {
        var all = new StringBuilder(0xE000 - 0xD800);
        for (var c = 0xD800; c < 0xE000; c++) all.Append((char)c);
        return all.ToString();
    }

    // The index of the first character XML 1.0 can't carry, or -1 when there is none.
    public static int FirstForbidden(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (true)
        {
            var i = text[start..].IndexOfAny(Suspect);
            if (i < 0) return -1;
            i += start;
            if (!char.IsSurrogate(text[i])) return i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) start = i + 2;
            else return i;
        }
    }

    public static bool IsAllowed(ReadOnlySpan<char> text) => FirstForbidden(text) < 0;

    // "must not contain U+0001 ...": the problem with a value, in the words every refusal uses; null when fine.
    public static string? Problem(ReadOnlySpan<char> text) =>
        FirstForbidden(text) is var i and >= 0 ? ProblemWith(text[i]) : null;

    public const string UnpairedSurrogate = "must not contain an unpaired surrogate (half of a UTF-16 pair): it is not text";

    public static string ProblemWith(char c) => c switch
    {
        < ' ' => $"must not contain control characters (found {Name(c)}; only tab, line feed and carriage return are taken)",
        _ when char.IsSurrogate(c) => UnpairedSurrogate,
        _ => $"must not contain {Name(c)}, which is not a character",
    };

    public static string Name(char c) => char.IsSurrogate(c) ? $"an unpaired surrogate (U+{(int)c:X4})" : $"U+{(int)c:X4}";

    // The text as XML may carry it: each forbidden character replaced by U+FFFD (the same character
    // System.Text.Json writes for an unpaired surrogate). Text that needs nothing comes back as it was.
    public static string ForXml(string text)
    {
        var first = FirstForbidden(text);
        if (first < 0) return text;
        var safe = new StringBuilder(text.Length);
        safe.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
                continue;
            }
            safe.Append(IsAllowed([c]) ? c : '\uFFFD');
        }
        return safe.ToString();
    }

    // An element name from data (the attribute codes of `details`): codes are XML names, checked when a
    // definition is saved; anything else is written with XmlConvert's _xHHHH_ escapes, never refused.
    public static string ElementName(string name)
    {
        if (name.Length == 0) return "_";
        try
        {
            return XmlConvert.VerifyNCName(name);
        }
        catch (XmlException)
        {
            return XmlConvert.EncodeLocalName(ForXml(name))!;
        }
    }
}
