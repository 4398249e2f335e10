using System.Text.Json;

namespace Open311;

// Reads a staff API body by hand, after the role check, so that every failure is a problem detail
// naming the field at fault (framework binding would answer before the role check, and say less).
static class StaffJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static async Task<(JsonElement Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (default, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json"));
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (default, Problems.Invalid("body", "must be a JSON object"));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problems.Invalid("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
    }

    public static (T? Value, IResult? Problem) Bind<T>(JsonElement body) where T : class
    {
        try
        {
            return (body.Deserialize<T>(Options), null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Invalid(field, "has a value of the wrong type"));
        }
    }

    public static IEnumerable<string> Unknown(this JsonElement body, params string[] known) =>
        body.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n));
}
