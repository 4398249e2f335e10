namespace Open311;

// The stable public URL of a stored photo: {the public base (PublicBase)}/open311/media/{file}.
sealed class MediaLinks(PublicBase publicBase)
{
    public const string Path = "/open311/media";

    public string Url(HttpRequest request, string fileName) => $"{publicBase.Of(request)}{Path}/{fileName}";
}
