using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Open311;

// Accept-Language, read by language: "es-MX" and "es-419" mean Spanish. The framework's provider would climb from
// es-MX to es through the culture's parent, which the server, running without ICU's culture data, does not know.
sealed class BrowserLanguage : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.AcceptLanguage.ToString();
        if (!StringWithQualityHeaderValue.TryParseList(header.Split(','), out var languages)) return NullProviderCultureResult;
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            var code = language.Value.ToString().Split('-')[0].ToLowerInvariant();
            if (WebSetup.Cultures.Any(c => c.Name == code)) return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(code));
        }
        return NullProviderCultureResult;
    }
}
