using System.Security.Cryptography;
using System.Text;

namespace Open311;

// Idempotency-Key (the IETF draft; CONTRACT §11) on POST /requests and POST /servicerequestupdates: the same key and
// the same body answer the first answer again, with Idempotent-Replayed: true, and store nothing; the same key with
// another body is 409. Per api key (a call without one is served as if the header were not there: an answer holds
// a token, which must not reach another caller). The body is compared by its fields and files, not its bytes, so a
// multipart retry with a new boundary is the same body.
sealed class IdempotencyFilter(IdempotencyStore store) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var idemKey = http.Request.Headers[Header].ToString().Trim();
        if (idemKey.Length == 0 || http.Caller().Key is not { } key) return await next(context);
        var wire = WireFormats.FromPath(http.Request.Path);
        if (idemKey.Length > 255) return Wire.Error(wire, Open311Error.BadRequest(Header, "must be at most 255 characters"));
        var read = await FormBody.ReadAsync(http);
        if (read.Form is null) return await next(context);
        var fingerprint = await FingerprintAsync(http.Request, read.Form);

        var (claimed, earlier) = await store.ClaimAsync(key.Id, idemKey, fingerprint, http.RequestAborted);
        if (!claimed) return await ReplayAsync(key.Id, idemKey, fingerprint, earlier, wire, http.RequestAborted);

        object? result;
        try { result = await next(context); }
        catch
        {
            await store.ReleaseAsync(key.Id, idemKey);
            throw;
        }
        // Answers are kept (successes and refusals of the body alike); a fault of ours is not, so a retry may succeed.
        if (result is WireResult { StatusCode: < 500 and not 429 } answer)
        {
            var body = Wire.Serialize(answer.Format, answer.Root, answer.Payload);
            await store.CompleteAsync(key.Id, idemKey, answer.StatusCode, answer.Format.ToString(), body, http.RequestAborted);
            return new Kept(answer.Format, answer.StatusCode, body, replayed: false);
        }
        await store.ReleaseAsync(key.Id, idemKey);
        return result;
    }

    async Task<object?> ReplayAsync(long keyId, string idemKey, string fingerprint, IdempotencyStore.Entry? entry, WireFormat wire, CancellationToken ct)
    {
        // The first call may still be at work: wait for its answer.
        var waited = TimeSpan.Zero;
        while (entry is { Status: null } && entry.Fingerprint == fingerprint && waited < Patience)
        {
            await Task.Delay(50, ct);
            waited += TimeSpan.FromMilliseconds(50);
            entry = await store.FindAsync(keyId, idemKey, ct);
        }
        if (entry is null) return Wire.Error(wire, new Open311Error(409, $"{Header} was released by a failed call; send the call again"));
        if (entry.Fingerprint != fingerprint)
            return Wire.Error(wire, new Open311Error(409, $"{Header} was used with another body in the last 24 hours; use a new key for a new call"));
        if (entry.Status is not { } status) return Wire.Error(wire, new Open311Error(409, $"a call with this {Header} is still being processed"));
        return new Kept(Enum.Parse<WireFormat>(entry.ContentType!), status, entry.Body!, replayed: true);
    }

    // The path, and every field and file of the query and the form, in order, but the api_key (sent any of three ways).
    static async Task<string> FingerprintAsync(HttpRequest request, IFormCollection form)
    {
        var text = new StringBuilder(request.Path.Value).Append('\n');
        foreach (var (name, values) in request.Query.Concat(form).Where(p => p.Key != "api_key").OrderBy(p => p.Key, StringComparer.Ordinal))
            foreach (var value in values) text.Append(name).Append('=').Append(value).Append('\n');
        foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            await using var stream = file.OpenReadStream();
            text.Append(file.Name).Append(':').Append(file.FileName).Append(':').Append(Convert.ToHexString(await SHA256.HashDataAsync(stream))).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    sealed class Kept(WireFormat format, int status, byte[] body, bool replayed) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            return Wire.WriteBytesAsync(context, format, body, status);
        }
    }
}
