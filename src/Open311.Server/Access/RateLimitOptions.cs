using System.ComponentModel.DataAnnotations;

namespace Open311;

// Open311:RateLimits. Austin addendum: "all users of the Open311 API are limited to 10 requests per minute";
// a key raises that to its own limit, or to KeyPerMinute when it has none.
sealed class RateLimitOptions
{
    [Range(1, 1_000_000, ErrorMessage = "Open311:RateLimits:AnonymousPerMinute must be from 1 to 1000000")] public int AnonymousPerMinute { get; set; } = 10;
    [Range(1, 1_000_000, ErrorMessage = "Open311:RateLimits:KeyPerMinute must be from 1 to 1000000")] public int KeyPerMinute { get; set; } = 60;

    // Form posts to the web pages (the resident site's and the console's) a minute: per client address, or per
    // signed-in console user; refused posts count too.
    [Range(1, 1_000_000, ErrorMessage = "Open311:RateLimits:WebPostsPerMinute must be from 1 to 1000000")] public int WebPostsPerMinute { get; set; } = 30;
}

// Open311:ForwardedHeaders: X-Forwarded-For is believed only from these proxies.
sealed class ProxyOptions
{
    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];
}
