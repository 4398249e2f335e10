using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Xml;

namespace Open311;

// Writes the XML form of a wire record from the same JSON contract that writes its JSON form
// (FixMyStreet's format_output): element names are the snake_case JSON names, and a list's
// children take the singular of the list's name. A field added to a record appears in both formats.
static class XmlWire
{
    static readonly Dictionary<string, string> Singulars = new()
    {
        ["service_requests"] = "request",
        ["services"] = "service",
        ["attributes"] = "attribute",
        ["values"] = "value",
        ["errors"] = "error",
        ["endpoints"] = "endpoint",
        ["formats"] = "format",
        ["notes"] = "note",
        ["photos"] = "photo",
        // mySociety's servicerequestupdates extension.
        ["service_request_updates"] = "request_update",
    };

    static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        // A carriage return is written as &#xD;, so that a reader's end-of-line normalisation gives back the
        // text byte for byte (with None, "a\r\nb" would be read as "a\nb").
        NewLineHandling = NewLineHandling.Entitize,
    };

    static readonly ConcurrentDictionary<Type, XmlField[]> Fields = new();

    sealed record XmlField(string Name, Func<object, object?> Get, bool OmitWhenNull);

    public static void Write(Stream output, string root, object value, JsonSerializerOptions options)
    {
        using var writer = XmlWriter.Create(output, Settings);
        writer.WriteStartDocument();
        WriteElement(writer, root, value, options);
        writer.WriteEndDocument();
    }

    // The singular used for the children of a list element; "value" where the table has no entry
    // (the values of a multivaluelist answer in `details`).
    public static string Singular(string plural) => Singulars.GetValueOrDefault(plural, "value");

    static void WriteElement(XmlWriter writer, string name, object? value, JsonSerializerOptions options)
    {
        writer.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case string s:
                // What XML 1.0 can't carry is never written raw (TextRules): one bad value must not break a feed.
                writer.WriteString(TextRules.ForXml(s));
                break;
            case bool b:
                writer.WriteString(b ? "true" : "false");
                break;
            case double d:
                writer.WriteString(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable f when value.GetType().IsPrimitive:
                writer.WriteString(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                    WriteElement(writer, TextRules.ElementName((string)entry.Key), entry.Value, options);
                break;
            case IEnumerable list:
                var child = Singular(name);
                foreach (var item in list)
                    WriteElement(writer, child, item, options);
                break;
            default:
                foreach (var field in FieldsOf(value.GetType(), options))
                {
                    var fieldValue = field.Get(value);
                    if (fieldValue is null && field.OmitWhenNull) continue;
                    WriteElement(writer, field.Name, fieldValue, options);
                }
                break;
        }
        writer.WriteEndElement();
    }

    static XmlField[] FieldsOf(Type type, JsonSerializerOptions options) => Fields.GetOrAdd(type, t =>
    {
        var info = options.GetTypeInfo(t);
        return info.Properties
            .Where(p => p.Get is not null)
            .Select(p => new XmlField(p.Name, p.Get!, OmitsNull(p)))
            .ToArray();
    });

    static bool OmitsNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true)
            .OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true;
}
