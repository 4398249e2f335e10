using System.Text.Json;
using System.Text.Json.Serialization;

namespace Open311;

// Every staff API body is read the same way, after the role check: a JSON object bound to its typed record
// with the staff API's JSON options, then checked by the record itself; each failure is a problem detail
// naming the field at fault (framework binding would answer before the role check, and say less).
static class StaffJson
{
    static readonly JsonSerializerOptions Options = new(WireJson.Staff) { Converters = { new FieldConverter() } };

    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json"));
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, Problems.Invalid("body", "must be a JSON object"));
        // Every name and string in the body, whatever record reads it, carries only text XML can carry.
        var refused = RefusedText(root, "").ToList();
        if (refused.Count > 0) return (null, Problems.Invalid(refused));
        try
        {
            return (root.Deserialize<T>(Options), null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Invalid(field, "has a value of the wrong type"));
        }
    }

    // Each string (or name) with a character TextRules refuses, by its path in the body (attributes[0].description).
    // An escaped unpaired surrogate ("\ud800") can't even be read as a string.
    static IEnumerable<(string Field, string Problem)> RefusedText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (Problem(() => element.GetString()!) is { } problem) yield return (Named(path), problem);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var found in RefusedText(item, $"{path}[{i++}]")) yield return found;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Problem(() => property.Name) is { } bad)
                    {
                        yield return (Named(path), $"field names {bad}");
                        continue;
                    }
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    foreach (var found in RefusedText(property.Value, at)) yield return found;
                }
                break;
        }
    }

    static string? Problem(Func<string> read)
    {
        try
        {
            return TextRules.Problem(read());
        }
        catch (InvalidOperationException)
        {
            return TextRules.UnpairedSurrogate;
        }
    }

    static string Named(string path) => path.Length == 0 ? "body" : path;

    // Names sent that the record does not have ([JsonExtensionData]), in the order they were sent.
    public static IEnumerable<string> Unknown(IDictionary<string, JsonElement>? extra) => extra?.Keys ?? [];
}
