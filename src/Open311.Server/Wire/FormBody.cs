using Microsoft.AspNetCore.Http.Features;

namespace Open311;

// Reads a form body once per call, keeping the outcome, so that the key resolver and the handler
// see the same form or the same error.
sealed record FormRead(IFormCollection? Form, int Status, string? Problem)
{
    public static readonly FormRead Empty = new(FormCollection.Empty, 200, null);
}

static class FormBody
{
    const string Key = "open311.form";

    public static bool IsForm(HttpRequest request) => request.HasFormContentType;

    public static async Task<FormRead> ReadAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var cached) && cached is FormRead read) return read;
        read = await ReadOnceAsync(context);
        context.Items[Key] = read;
        return read;
    }

    static async Task<FormRead> ReadOnceAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            // Parameters may come in the query string alone (CONTRACT §4); any other body is refused.
            var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
            return hasBody || !string.IsNullOrEmpty(request.ContentType)
                ? new FormRead(null, StatusCodes.Status415UnsupportedMediaType,
                    "Content-Type must be application/x-www-form-urlencoded or multipart/form-data")
                : FormRead.Empty;
        }
        var limit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Open311Options>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit) return TooLarge(limit);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        try
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            foreach (var (name, values) in form)
                if (name.Contains('\uFFFD') || values.Any(v => v?.Contains('\uFFFD') == true))
                    return new FormRead(null, 400, $"The form field {Printable(name)} is not valid UTF-8");
            return new FormRead(form, 200, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return e.Message.Contains("body length", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(limit)
                : new FormRead(null, 400, "The form has too many fields or a field that is too long");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return new FormRead(null, 400, "The form body could not be read");
        }
    }

    static FormRead TooLarge(long limit) =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes");

    static string Printable(string name) => name.Length > 40 ? name[..40] + "..." : name.Replace('\uFFFD', '?');
}
