using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using CsCheck;

namespace Open311.Tests;

// Whatever text a wire record holds (stored before the text rule, or put there by hand), both formats come out
// readable: the XML is well formed for an XmlReader with default settings and gives back each text as
// TextRules.ForXml made it; the JSON parses and gives back each text (an unpaired surrogate as U+FFFD). Every
// record the server writes is found by reflection and filled, every text field of it, from generated strings.
public class WireTextPropertyTests
{
    // Mostly the characters that break things: XML's forbidden ones, unpaired and paired surrogates, markup,
    // line ends and plain text around them.
    static readonly Gen<string> Piece = Gen.Frequency(
        (3, Gen.Char['\u0000', '\u001F'].Select(c => c.ToString())),
        (2, Gen.OneOf("\uFFFE", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uD83D\uDE00", "\uFFFD")),
        (2, Gen.OneOf("<", ">", "&", "\"", "'", "]]>", "&amp;", "<![CDATA[", "\r\n", "\r", "\n", "\t", " ", "  ")),
        (3, Gen.String["abcXYZ019 é坑-_.:"]),
        (1, Gen.Char.Select(c => c.ToString())));

    static readonly Gen<string> Text = Piece.Array[0, 6].Select(pieces => string.Concat(pieces));

    static readonly Type[] Records = typeof(RequestWire).Assembly.GetTypes()
        .Where(t => t.Namespace == "Open311" && t.IsClass && t.IsSealed && !t.IsAbstract && !t.IsGenericType
            && (t.Name.EndsWith("Wire") || t == typeof(Open311Error) || t == typeof(DiscoveryDocument) || t == typeof(DiscoveryEndpoint))
            && t.GetMethod("<Clone>$") is not null) // records only
        .OrderBy(t => t.Name)
        .ToArray();

    public static TheoryData<string> RecordNames() => [.. Records.Select(t => t.Name)];

    [Fact]
    public void EveryPublicWireRecordIsCovered()
    {
        foreach (var expected in new[] { typeof(RequestWire), typeof(ServiceWire), typeof(ServiceDefinitionWire), typeof(AttributeWire),
                     typeof(NoteWire), typeof(PhotoWire), typeof(TokenWire), typeof(CreatedRequestWire), typeof(DiscoveryDocument), typeof(Open311Error) })
            Assert.Contains(expected, Records);
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void AnyTextInARecordComesOutWellFormedInBothFormats(string recordName)
    {
        var type = Records.Single(t => t.Name == recordName);
        Text.Array[40, 40].Sample(texts =>
        {
            var fill = new Filler(texts);
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
            for (var i = 0; i < 2; i++) list.Add(fill.Build(type));
            ReadsBack(list, fill.Texts);
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    static void ReadsBack(object payload, List<string> written)
    {
        var xmlBytes = Wire.Serialize(WireFormat.Xml, "items", payload);
        using (var reader = XmlReader.Create(new MemoryStream(xmlBytes)))
            while (reader.Read()) { }
        var xml = XDocument.Load(XmlReader.Create(new MemoryStream(xmlBytes))).Root!;
        var json = JsonDocument.Parse(Wire.Serialize(WireFormat.Json, "items", payload)).RootElement;

        // JSON gives back every text written, with an unpaired surrogate as U+FFFD.
        var jsonTexts = new List<string>();
        Leaves(json, jsonTexts);
        Assert.Equal(written.Select(AsJsonReads).Order(StringComparer.Ordinal), jsonTexts.Order(StringComparer.Ordinal));
        Same(json, xml);
    }

    static string AsJsonReads(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    static void Leaves(JsonElement json, List<string> texts)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String: texts.Add(json.GetString()!); break;
            case JsonValueKind.Array: foreach (var item in json.EnumerateArray()) Leaves(item, texts); break;
            case JsonValueKind.Object: foreach (var p in json.EnumerateObject()) Leaves(p.Value, texts); break;
        }
    }

    // Element for member, item for item; each text as TextRules.ForXml writes it, carriage returns included.
    static void Same(JsonElement json, XElement xml)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Array:
                var items = xml.Elements().ToList();
                Assert.Equal(json.GetArrayLength(), items.Count);
                foreach (var (item, element) in json.EnumerateArray().Zip(items)) Same(item, element);
                break;
            case JsonValueKind.Object:
                Assert.Equal(json.EnumerateObject().Select(p => TextRules.ElementName(p.Name)), xml.Elements().Select(e => e.Name.LocalName));
                foreach (var (property, element) in json.EnumerateObject().Zip(xml.Elements())) Same(property.Value, element);
                break;
            case JsonValueKind.String:
                Assert.Equal(TextRules.ForXml(json.GetString()!), xml.Value);
                break;
            case JsonValueKind.Null:
                Assert.True(xml.IsEmpty);
                break;
        }
    }

    // Builds a record through its constructor, taking text from the generated strings in turn and deciding
    // nulls and list lengths from them, so that CsCheck's shrinking of the strings shrinks the record.
    sealed class Filler(string[] source)
    {
        int next;
        readonly NullabilityInfoContext nullability = new();
        public List<string> Texts { get; } = [];

        string Take() => source[next++ % source.Length];

        string NewText()
        {
            var text = Take();
            Texts.Add(text);
            return text;
        }

        bool Coin() => Take().Length % 2 == 0;

        int Count() => Take().Length % 3;

        public object Build(Type type)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var args = constructor.GetParameters()
                .Select(p => nullability.Create(p).WriteState == NullabilityState.Nullable && Coin() ? null : Value(p.ParameterType))
                .ToArray();
            return constructor.Invoke(args);
        }

        object? Value(Type type)
        {
            var plain = Nullable.GetUnderlyingType(type) ?? type;
            if (plain == typeof(string)) return NewText();
            if (plain == typeof(bool)) return Coin();
            if (plain == typeof(int)) return Count();
            if (plain == typeof(long)) return (long)Count();
            if (plain == typeof(double)) return Count() * 12.5 - 90;
            if (plain.IsGenericType && plain.GetGenericTypeDefinition() is var g && (g == typeof(IReadOnlyDictionary<,>) || g == typeof(Dictionary<,>)))
            {
                // `details`: attribute codes to an answer, a text or a list of texts.
                var details = new Dictionary<string, object>();
                for (var i = Count(); i > 0; i--)
                {
                    var code = Take();
                    if (details.ContainsKey(code)) continue;
                    details[code] = Coin() ? NewText() : Enumerable.Range(0, Count()).Select(_ => NewText()).ToList();
                }
                return details;
            }
            if (plain.IsGenericType && typeof(IEnumerable).IsAssignableFrom(plain))
            {
                var item = plain.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
                for (var i = Count(); i > 0; i--) list.Add(Value(item));
                return list;
            }
            return Build(plain);
        }
    }
}
