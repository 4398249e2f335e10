using Microsoft.Extensions.Options;

namespace Open311;

// The stable public URL of a stored photo: {PublicUrl or this host}/open311/media/{file}.
sealed class MediaLinks(IOptions<Open311Options> options)
{
    public const string Path = "/open311/media";

    public string Url(HttpRequest request, string fileName) => $"{PublicBase.Of(request, options.Value)}{Path}/{fileName}";
}
