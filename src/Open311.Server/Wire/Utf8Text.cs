using System.Text;

namespace Open311;

// The framework decodes percent-escapes that are not UTF-8 leniently, in a query string and in a
// urlencoded form body alike: it keeps "%FF" or "%ED%A0%80" as literal text. So the raw text is checked
// here, with the same grammar (name=value pairs between '&', '+' for a space): every pair must decode to
// valid UTF-8 (no overlong forms, no surrogates). A '%' not followed by two hex digits is literal, as the
// framework reads it.
static class Utf8Text
{
    public static IReadOnlyList<string> InvalidQueryParameters(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return [];
        // Most queries are plain ASCII with no escapes: nothing to decode, nothing to check.
        if (!rawQuery.Contains('%') && Ascii.IsValid(rawQuery)) return [];
        var check = new PairCheck("a query parameter name");
        check.Feed(Encoding.UTF8.GetBytes(rawQuery.TrimStart('?')));
        return check.Finish().Where(p => p.Problem == NotUtf8).Select(p => p.Field).ToList();
    }

    public const string NotUtf8 = "is not valid UTF-8";

    // A raw URL path: escapes decoded, no pairs ('&', '=' and '+' are themselves).
    public static bool IsValidPath(string rawPath)
    {
        if (!rawPath.Contains('%') && Ascii.IsValid(rawPath)) return true;
        var check = new PairCheck("path", pairs: false);
        check.Feed(Encoding.UTF8.GetBytes(rawPath));
        return check.Finish().All(p => p.Problem != NotUtf8);
    }

    // The fields of a urlencoded body that are not UTF-8, or that hold a character TextRules refuses (the
    // framework's own reader gives up on a NUL without naming the field), read in chunks.
    public static async Task<IReadOnlyList<(string Field, string Problem)>> InvalidFormFieldsAsync(Stream body, CancellationToken ct)
    {
        var check = new PairCheck("a form field name");
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0) check.Feed(buffer.AsSpan(0, read));
        return check.Finish();
    }

    // A byte at a time, so that chunks may split an escape or a character anywhere.
    sealed class PairCheck(string unnamed, bool pairs = true)
    {
        const int NameKept = 256;
        readonly List<(string, string)> bad = [];
        string? refused; // the first character of the pair TextRules refuses
        int codePoint;
        readonly List<byte> name = [];
        bool inName = true, pairBad, nameBad;
        int percent = -1; // -1: no escape open; 0: '%' seen; else 0x100 + the first hex digit
        int need, low = 0x80, high = 0xBF; // UTF-8 continuation bytes still expected, and the next one's range

        public void Feed(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) Take(b);
        }

        public List<(string Field, string Problem)> Finish()
        {
            FlushPercent();
            EndPair();
            return bad;
        }

        void Take(byte b)
        {
            if (percent == 0)
            {
                if (HexValue(b) >= 0) { percent = 0x100 + b; return; }
                percent = -1;
                Decoded((byte)'%');
            }
            else if (percent > 0)
            {
                var first = (byte)(percent - 0x100);
                percent = -1;
                if (HexValue(b) >= 0) { Decoded((byte)(HexValue(first) * 16 + HexValue(b))); return; }
                Decoded((byte)'%');
                Decoded(first);
            }
            if (!pairs)
            {
                if (b == (byte)'%') percent = 0;
                else Decoded(b);
                return;
            }
            switch (b)
            {
                case (byte)'%': percent = 0; break;
                case (byte)'&': EndPair(); break;
                case (byte)'=' when inName: EndText(); inName = false; break;
                case (byte)'+': Decoded((byte)' '); break;
                default: Decoded(b); break;
            }
        }

        void FlushPercent()
        {
            if (percent == 0) Decoded((byte)'%');
            else if (percent > 0) { Decoded((byte)'%'); Decoded((byte)(percent - 0x100)); }
            percent = -1;
        }

        void Decoded(byte b)
        {
            if (inName && name.Count < NameKept) name.Add(b);
            if (pairBad) return;
            if (need > 0)
            {
                if (b < low || b > high) { Fail(); return; }
                need--;
                low = 0x80;
                high = 0xBF;
                codePoint = (codePoint << 6) | (b & 0x3F);
                if (need == 0) Character(codePoint);
                return;
            }
            codePoint = b switch { < 0x80 => b, < 0xE0 => b & 0x1F, < 0xF0 => b & 0x0F, _ => b & 0x07 };
            (need, low, high) = b switch
            {
                < 0x80 => (0, 0x80, 0xBF),
                >= 0xC2 and <= 0xDF => (1, 0x80, 0xBF),
                0xE0 => (2, 0xA0, 0xBF),         // no overlong three-byte forms
                0xED => (2, 0x80, 0x9F),         // no surrogates (U+D800-U+DFFF)
                >= 0xE1 and <= 0xEF => (2, 0x80, 0xBF),
                0xF0 => (3, 0x90, 0xBF),         // no overlong four-byte forms
                >= 0xF1 and <= 0xF3 => (3, 0x80, 0xBF),
                0xF4 => (3, 0x80, 0x8F),         // nothing past U+10FFFF
                _ => (-1, 0, 0),                 // C0, C1 (overlong two-byte forms), F5-FF
            };
            if (need < 0) Fail();
            else if (need == 0) Character(codePoint);
        }

        void Character(int character)
        {
            if (character is < 0x20 or 0xFFFE or 0xFFFF && !TextRules.IsAllowed([(char)character]))
            {
                refused ??= TextRules.ProblemWith((char)character);
                if (inName) nameBad = true;
            }
        }

        void Fail()
        {
            pairBad = true;
            if (inName) nameBad = true;
            need = 0;
        }

        // The end of a name or a value: a character left unfinished makes it invalid.
        void EndText()
        {
            FlushPercent();
            if (need > 0) Fail();
            need = 0;
            low = 0x80;
            high = 0xBF;
        }

        void EndPair()
        {
            EndText();
            if (pairBad || refused is not null)
            {
                var text = nameBad || name.Count == 0 ? unnamed : Encoding.UTF8.GetString(name.ToArray());
                if (!bad.Any(b => b.Item1 == text)) bad.Add((text, pairBad ? NotUtf8 : refused!));
            }
            name.Clear();
            inName = true;
            pairBad = nameBad = false;
            refused = null;
        }

        static int HexValue(byte b) => b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
    }
}
