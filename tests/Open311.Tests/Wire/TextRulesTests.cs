using System.Text;
using System.Text.RegularExpressions;

namespace Open311.Tests;

// The text rule (what XML 1.0 can carry) and the raw UTF-8 check of query strings and form bodies, as tables.
// Unpaired surrogates are written "\\uD800" in the tables and unescaped in the test (U): xunit can't carry them
// from discovery to the run.
public class TextRulesTests
{
    static string U(string text) => Regex.Unescape(text);

    public static TheoryData<string, int> Texts() => new()
    {
        { "", -1 },
        { "plain pothole", -1 },
        { "tab\tline\ncarriage\r", -1 },
        { "accents é, emoji \U0001F573, CJK 坑", -1 },
        { "U+FFFD \uFFFD and U+FFFC \uFFFC are characters", -1 },
        { "C1 \u0085 and DEL \u007F are allowed by XML 1.0", -1 },
        { "\u0000", 0 },
        { "bad\u0001name", 3 },
        { "\u0008", 0 },
        { "vertical\u000Btab", 8 },
        { "form\u000Cfeed", 4 },
        { "\u001F", 0 },
        { "pothole\uFFFE", 7 },
        { "\uFFFF", 0 },
        { "lone high \\uD800 surrogate", 10 },
        { "lone low \\uDC00", 9 },
        { "a pair \\uD83D\\uDE00 then a lone \\uD83D", 22 },
        { "ends high \\uD83D", 10 },
        { "reversed \\uDE00\\uD83D", 9 },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void TheFirstCharacterXmlCannotCarryIsFound(string text, int expected)
    {
        text = U(text);
        Assert.Equal(expected, TextRules.FirstForbidden(text));
        Assert.Equal(expected < 0, TextRules.IsAllowed(text));
        Assert.Equal(expected < 0, TextRules.Problem(text) is null);
    }

    [Theory]
    [InlineData("fine", "fine")]
    [InlineData("bad\u0001name", "bad\uFFFDname")]
    [InlineData("\u0000\uFFFE\uFFFF", "\uFFFD\uFFFD\uFFFD")]
    [InlineData("pair \\uD83D\\uDE00 kept, lone \\uD83D gone", "pair \\uD83D\\uDE00 kept, lone \uFFFD gone")]
    [InlineData("\\uDC00\\uD800", "\uFFFD\uFFFD")]
    [InlineData("tab\tcr\rlf\n", "tab\tcr\rlf\n")]
    public void XmlGetsEachForbiddenCharacterAsUFFFD(string text, string expected)
    {
        (text, expected) = (U(text), U(expected));
        Assert.Equal(expected, TextRules.ForXml(text));
        Assert.True(TextRules.IsAllowed(TextRules.ForXml(text)));
    }

    [Fact]
    public void TextThatNeedsNothingIsNotCopied()
    {
        var text = "301 W 2nd St";
        Assert.Same(text, TextRules.ForXml(text));
    }

    [Theory]
    [InlineData("POTHSIZE", "POTHSIZE")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    [InlineData("", "_")]
    [InlineData("1st", "_x0031_st")]
    [InlineData("a b", "a_x0020_b")]
    [InlineData("ns:name", "ns_x003A_name")]
    public void ADataNameThatIsNotAnXmlNameIsEscaped(string name, string expected) =>
        Assert.Equal(expected, TextRules.ElementName(name));

    [Theory]
    [InlineData("\u0001", "must not contain control characters (found U+0001")]
    [InlineData("\uFFFE", "must not contain U+FFFE, which is not a character")]
    [InlineData("\\uD800", "must not contain an unpaired surrogate")]
    public void TheProblemNamesTheCharacter(string text, string expected) => Assert.StartsWith(expected, TextRules.Problem(U(text)));

    public static TheoryData<string, string[]> Queries() => new()
    {
        { "", [] },
        { "service_code=PWPOTHOL&status=open", [] },
        { "q=caf%C3%A9&x=%E2%82%AC", [] },
        { "q=100%25&r=100%&s=%zz&t=%4", [] },        // a '%' without two hex digits is literal text
        { "q=%F0%9F%98%80", [] },                   // a four-byte character
        { "q=a+b&r=%2B", [] },
        { "description=%FF%FE", ["description"] },
        { "description=%ED%A0%80", ["description"] }, // an encoded surrogate
        { "description=%C0%AF", ["description"] },    // an overlong '/'
        { "a=%E0%80%AF", ["a"] },                     // an overlong three-byte form
        { "a=%F0%80%80%AF", ["a"] },                  // an overlong four-byte form
        { "a=%F4%90%80%80", ["a"] },                  // past U+10FFFF
        { "a=%C3", ["a"] },                           // cut short at the end
        { "a=%C3&b=ok", ["a"] },                      // cut short by the next pair
        { "a=%C3=%A9", ["a"] },                       // cut short by '=' inside a value
        { "ok=1&bad=%80&worse=%FF&ok2=2", ["bad", "worse"] },
        { "%FF=1", ["a query parameter name"] },
        { "n%C3%A9=%FF", ["né"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void AQueryIsCheckedRawForUtf8(string query, string[] expected)
    {
        Assert.Equal(expected, Utf8Text.InvalidQueryParameters(query));
        Assert.Equal(expected, Utf8Text.InvalidQueryParameters("?" + query));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task AFormBodyGivesTheSameAnswerHoweverItIsCut(string body, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var chunk = 1; chunk <= Math.Max(1, bytes.Length); chunk++)
        {
            var found = await Utf8Text.InvalidFormFieldsAsync(new Trickle(bytes, chunk), CancellationToken.None);
            Assert.Equal(expected.Select(e => e == "a query parameter name" ? "a form field name" : e), found.Select(f => f.Field));
            Assert.All(found, f => Assert.Equal("is not valid UTF-8", f.Problem));
        }
    }

    [Theory]
    [InlineData("/open311/v2/requests/26-00000001.json", true)]
    [InlineData("/open311/v2/requests/caf%C3%A9.json", true)]
    [InlineData("/open311/v2/requests/a&b=c+d.json", true)]
    [InlineData("/open311/v2/requests/%FF.json", false)]
    [InlineData("/open311/v2/requests/%ED%A0%80.json", false)]
    public void APathIsCheckedRawForUtf8(string path, bool valid) => Assert.Equal(valid, Utf8Text.IsValidPath(path));

    [Theory]
    [InlineData("a=A%00", "a", "must not contain control characters (found U+0000")]
    [InlineData("ok=%09%0A%0D&b=x%1Fy", "b", "must not contain control characters (found U+001F")]
    [InlineData("d=pothole%EF%BF%BE", "d", "must not contain U+FFFE")]
    [InlineData("d=%EF%BF%BF", "d", "must not contain U+FFFF")]
    [InlineData("%01=x", "a form field name", "must not contain control characters")]
    [InlineData("d=%ED%A0%80%01", "d", "is not valid UTF-8")] // not UTF-8 is said first
    public async Task AFormBodyNamesTheFieldOfACharacterXmlCannotCarry(string body, string field, string problem)
    {
        var found = Assert.Single(await Utf8Text.InvalidFormFieldsAsync(new Trickle(Encoding.ASCII.GetBytes(body), 2), CancellationToken.None));
        Assert.Equal(field, found.Field);
        Assert.StartsWith(problem, found.Problem);
    }

    [Fact]
    public async Task RawBytesThatAreNotUtf8AreFoundToo()
    {
        var body = Encoding.ASCII.GetBytes("a=1&description=x").Concat(new byte[] { 0xED, 0xA0, 0x80 }).Concat("&b=2"u8.ToArray()).ToArray();
        Assert.Equal(["description"], (await Utf8Text.InvalidFormFieldsAsync(new MemoryStream(body), CancellationToken.None)).Select(f => f.Field));
    }

    // A stream that hands out at most `size` bytes a read, so escapes and characters are split across reads.
    sealed class Trickle(byte[] bytes, int size) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, size));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, size)], ct);
    }
}
