using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Open311;

// The one way a public GeoReport response is written: the same record as JSON or as XML,
// the error list included (CONTRACT §1 and §2).
sealed partial class WireResult(WireFormat format, string root, object payload, int status = StatusCodes.Status200OK) : IResult
{
    public WireFormat Format => format;
    public string Root => root;
    public int StatusCode => status;
    public object Payload => payload;

    public Task ExecuteAsync(HttpContext context) => Wire.WriteAsync(context, format, root, payload, status);
}

static partial class Wire
{
    public static WireResult List<T>(WireFormat format, string root, IReadOnlyList<T> items) => new(format, root, items);

    public static WireResult Document(WireFormat format, string root, object document) => new(format, root, document);

    public static WireResult Errors(WireFormat format, IReadOnlyList<Open311Error> errors) =>
        new(WireFormats.ForErrors(format), "errors", errors, StatusOf(errors));

    public static WireResult Error(WireFormat format, Open311Error error) => Errors(format, [error]);

    // The HTTP status of an error list is the most serious of its codes; 400s only make a 400.
    static int StatusOf(IReadOnlyList<Open311Error> errors) =>
        errors.Count == 0 ? 400 : errors.Select(e => e.Code).Max() switch
        {
            >= 400 and < 600 and var code => code,
            _ => 400,
        };

    public static byte[] Serialize(WireFormat format, string root, object payload)
    {
        using var buffer = new PooledStream();
        SerializeInto(buffer, format, root, payload);
        return buffer.ToArray();
    }

    // Into pooled buffers, from which the answer is sent: nothing of its size is left for the collector
    // (a page of a hundred requests with extensions is past the large object heap's threshold).
    public static void SerializeInto(PooledStream buffer, WireFormat format, string root, object payload)
    {
        if (format != WireFormat.Xml) JsonSerializer.Serialize(buffer, payload, payload.GetType(), WireJson.Public);
        else XmlWire.Write(buffer, root, payload, WireJson.Public);
    }

    public static async Task WriteAsync(HttpContext context, WireFormat format, string root, object payload, int status)
    {
        using var body = new PooledStream();
        SerializeInto(body, format, root, payload);
        await WriteBytesAsync(context, format, body.Written, status);
    }

    // A body already in bytes (the catalog's are kept so), with its ETag when it was worked out before.
    public static async Task WriteBytesAsync(HttpContext context, WireFormat format, ReadOnlyMemory<byte> body, int status, string? etag = null)
    {
        var response = context.Response;
        var callback = format == WireFormat.Json ? JsonpCallback(context.Request) : null;
        var prefix = callback is null ? [] : Encoding.UTF8.GetBytes($"/**/{callback}(");
        var suffix = callback is null ? [] : ");"u8.ToArray();
        // Conditional GETs: the ETag is the answer's own hash, so an unchanged answer is a 304 with no body.
        if (status == StatusCodes.Status200OK && HttpMethods.IsGet(context.Request.Method))
        {
            etag = callback is null ? etag ?? EntityTags.Of(body.Span) : EntityTags.Of(prefix, body.Span, suffix);
            response.Headers.ETag = etag;
            if (EntityTags.Matches(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = status;
        if (callback is not null)
        {
            // Chicago extension: JSONP on JSON GETs. The callback was validated with the other parameters.
            response.ContentType = "application/javascript; charset=utf-8";
            response.Headers.XContentTypeOptions = "nosniff";
            response.ContentLength = prefix.Length + body.Length + suffix.Length;
            await response.Body.WriteAsync(prefix);
            await response.Body.WriteAsync(body);
            await response.Body.WriteAsync(suffix);
            return;
        }
        response.ContentType = WireFormats.ContentType(format);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    // Only a plain JavaScript identifier is taken, so the callback can't carry script of its own.
    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]{0,63}$")]
    private static partial Regex CallbackPattern();

    public static bool IsValidCallback(string callback) => CallbackPattern().IsMatch(callback);

    static string? JsonpCallback(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Query["callback"].ToString() is { Length: > 0 } callback && IsValidCallback(callback)
            ? callback
            : null;
}
