using Microsoft.Net.Http.Headers;

namespace Open311;

// Finds the key of a call: Authorization: Bearer KEY, api_key in the query, or api_key in a form body
// (CONTRACT §7). Unknown keys and conflicts are recorded here and refused after the rate limiter.
sealed class KeyResolution(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, KeyStore keys)
    {
        var presented = await PresentedKeysAsync(context);
        Caller caller;
        if (presented.Count == 0)
            caller = Caller.Anonymous;
        else if (presented.Count > 1)
            caller = new Caller { Problem = Open311Error.BadRequest("api_key", "was sent twice with different values (header, query or form); send one key") };
        else
        {
            var key = await keys.FindBySecretAsync(presented[0], context.RequestAborted);
            caller = key is null
                ? new Caller { Problem = Open311Error.Forbidden("api_key is unknown or revoked") }
                : new Caller { Key = key };
        }
        context.Features.Set(caller);
        await next(context);
    }

    static async Task<List<string>> PresentedKeysAsync(HttpContext context)
    {
        var request = context.Request;
        var keys = new List<string>();
        void Add(string? value)
        {
            value = value?.Trim();
            if (!string.IsNullOrEmpty(value) && !keys.Contains(value)) keys.Add(value);
        }

        // Each Authorization header on its own: two different keys are a conflict (400), not one odd key (403).
        foreach (var authorization in request.Headers[HeaderNames.Authorization])
            if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true) Add(authorization["Bearer ".Length..]);
        foreach (var value in request.Query["api_key"]) Add(value);
        if (FormBody.IsForm(request) && request.Path.StartsWithSegments("/open311"))
        {
            var form = await FormBody.ReadAsync(context);
            if (form.Form is not null)
                foreach (var value in form.Form["api_key"]) Add(value);
        }
        return keys;
    }
}
