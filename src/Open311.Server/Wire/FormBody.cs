using Microsoft.AspNetCore.Http.Features;

namespace Open311;

// Reads a form body once per call, keeping the outcome, so that the key resolver and the handler
// see the same form or the same error: one problem for the body as a whole (Status, Problem), or one per
// field whose text is refused (Fields: not UTF-8, or a character TextRules refuses).
sealed record FormRead(IFormCollection? Form, int Status, string? Problem, IReadOnlyList<(string Field, string Problem)> Fields)
{
    public static readonly FormRead Empty = new(FormCollection.Empty, 200, null, []);

    public FormRead(IFormCollection? form, int status, string? problem) : this(form, status, problem, []) { }

    // The refusal as the public API's error list.
    public List<Open311Error> Errors() => Fields.Count > 0
        ? Fields.Select(f => Open311Error.BadRequest(f.Field, f.Problem)).ToList()
        : [new Open311Error(Status, Problem!)];
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
        var urlEncoded = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        try
        {
            // A urlencoded body is read again below, raw (Utf8Text): kept in memory, or in a file past 30 KB.
            if (urlEncoded || request.ContentLength is null) request.EnableBuffering(bufferLimit: limit);
            // A body of no stated length (chunked) is measured whole first, so one over the limit is 413 whatever
            // the form reader would have stumbled on first (too many fields, a field too long).
            if (request.ContentLength is null && await LongerThanAsync(request.Body, limit, context.RequestAborted)) return TooLarge(limit);
            IFormCollection form;
            var unreadable = false;
            try
            {
                // Names are exact (CONTRACT §1): the framework's collection ignores case.
                var read = await request.ReadFormAsync(context.RequestAborted);
                form = new FormCollection(read.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), read.Files);
            }
            catch (Exception e) when (urlEncoded && e is InvalidOperationException or InvalidDataException && !IsLimit(e))
            {
                // The framework refuses a NUL without saying where: the raw check below names the field.
                form = FormCollection.Empty;
                unreadable = true;
            }
            var fields = new List<(string, string)>();
            if (urlEncoded)
            {
                request.Body.Position = 0;
                foreach (var (name, problem) in await Utf8Text.InvalidFormFieldsAsync(request.Body, context.RequestAborted))
                    fields.Add((Printable(name), problem));
                if (fields.Count == 0 && unreadable)
                    return new FormRead(null, 400, "The form body could not be read");
            }
            foreach (var (name, values) in form)
            {
                if (fields.Any(f => f.Item1 == Printable(name))) continue;
                // Multipart parts are decoded by the framework, which turns bytes that are not UTF-8 into U+FFFD.
                if (!urlEncoded && (name.Contains('\uFFFD') || values.Any(v => v?.Contains('\uFFFD') == true)))
                    fields.Add((Printable(name), "is not valid UTF-8"));
                else if (TextRules.Problem(name) is { } badName) fields.Add(("a form field name", badName));
                else if (values.Select(v => TextRules.Problem(v)).FirstOrDefault(p => p is not null) is { } badValue)
                    fields.Add((Printable(name), badValue));
            }
            return fields.Count > 0 ? new FormRead(null, 400, "The form has fields that can't be read", fields) : new FormRead(form, 200, null);
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

    static async Task<bool> LongerThanAsync(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            for (int n; (n = await body.ReadAsync(buffer, ct)) > 0;)
                if ((total += n) > limit) return true;
        }
        catch (IOException) when (total + buffer.Length > limit)
        {
            return true; // the buffering stream's own limit
        }
        body.Position = 0;
        return false;
    }

    static bool IsLimit(Exception e) => e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);

    static FormRead TooLarge(long limit) =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes");

    static string Printable(string name) => TextRules.ForXml(name.Length > 40 ? name[..40] + "..." : name).Replace('\uFFFD', '?');
}
