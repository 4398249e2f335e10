using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Open311;

// The server's public base URL, for every absolute link in an answer (discovery, media_url, a photo's link, the
// next page, the tracking link): never a Host header the caller made up.
// - Open311:PublicUrl when set (the way to run behind a proxy);
// - else this call's host when the framework's host filtering has checked it against a list (AllowedHosts other
//   than *), or when it is a loopback name (localhost, 127.0.0.1, [::1]: trying the server on one's machine);
// - else the address and port the call arrived at, which the caller cannot choose.
// Outside Development a start-up warning says when neither PublicUrl nor AllowedHosts is set (WarnWhenUnset).
sealed class PublicBase(IOptions<Open311Options> options, IOptions<HostFilteringOptions> hosts)
{
    readonly bool hostsChecked = hosts.Value.AllowedHosts is { Count: > 0 } list && !list.Contains("*");

    public bool Configured => !string.IsNullOrEmpty(options.Value.PublicUrl) || hostsChecked;

    public string Of(HttpRequest request)
    {
        if (options.Value.PublicUrl is { Length: > 0 } url) return url.TrimEnd('/');
        var host = hostsChecked || IsLoopback(request.Host.Host) ? request.Host.ToUriComponent() : Arrival(request);
        return $"{request.Scheme}://{host}{request.PathBase}";
    }

    static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    static string Arrival(HttpRequest request)
    {
        var connection = request.HttpContext.Connection;
        if (connection.LocalIpAddress is not { } address) return "localhost";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var text = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{new IPAddress(address.GetAddressBytes())}]" // without a link-local address's %scope
            : address.ToString();
        var port = connection.LocalPort;
        return port == 0 || (port == 80 && request.Scheme == "http") || (port == 443 && request.Scheme == "https") ? text : $"{text}:{port}";
    }

    public void WarnWhenUnset(IHostEnvironment environment, ILogger logger)
    {
        if (!Configured && !environment.IsDevelopment())
            logger.LogWarning("Neither Open311:PublicUrl nor AllowedHosts is set: links in answers (discovery, media_url, tracking, "
                + "the next page) name the address each call arrived at, not its Host header. Set Open311__PublicUrl to the "
                + "server's public URL (https://311.example.gov), or AllowedHosts to its names.");
    }
}
