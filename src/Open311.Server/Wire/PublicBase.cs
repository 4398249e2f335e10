namespace Open311;

// The server's public base URL: Open311:PublicUrl when set (behind a proxy), else this call's own scheme and host.
static class PublicBase
{
    public static string Of(HttpRequest request, Open311Options options) =>
        string.IsNullOrEmpty(options.PublicUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicUrl.TrimEnd('/');
}
