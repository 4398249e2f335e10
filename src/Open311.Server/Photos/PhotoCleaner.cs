using SkiaSharp;

namespace Open311;

// A photo ready to keep: its pixels re-encoded, so nothing of the upload but the image survives.
sealed record CleanPhoto(byte[] Bytes, ImageKind Kind)
{
    public string ContentType => ImageKinds.ContentType(Kind);
}

// TooMany: the upload carried more files than Open311:Photos:MaxPerUpload.
sealed record PhotoProblem(int Status, string Message, bool TooMany = false);

// Decodes an upload and encodes it again. The encoders write no EXIF (GPS, camera, times), XMP or
// comments, so all metadata goes; the EXIF orientation is applied to the pixels first, so the photo
// still stands the right way up. GIFs come back as PNG (first frame): Skia has no GIF encoder.
static class PhotoCleaner
{
    public static (CleanPhoto? Photo, PhotoProblem? Problem) Clean(byte[] bytes, long maxPixels)
    {
        if (ImageKinds.Sniff(bytes) is not { } kind)
            return (null, new(400, "is not a JPEG, PNG, WebP or GIF image"));
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            return (null, new(400, "is not a readable image"));
        if ((long)codec.Info.Width * codec.Info.Height > maxPixels)
            return (null, new(400, $"has more than {maxPixels} pixels"));

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return (null, new(400, "is not a readable image"));
        using var upright = Upright(decoded, codec.EncodedOrigin);

        var output = kind == ImageKind.Gif ? ImageKind.Png : kind;
        var format = output switch
        {
            ImageKind.Jpeg => SKEncodedImageFormat.Jpeg,
            ImageKind.WebP => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Png,
        };
        using var encoded = (upright ?? decoded).Encode(format, 90);
        if (encoded is null) return (null, new(400, "could not be re-encoded"));
        return (new CleanPhoto(encoded.ToArray(), output), null);
    }

    // The EXIF orientation as a pixel transform; null when the image is already upright.
    static SKBitmap? Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        SKMatrix? m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (m is not { } matrix) return null;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var turned = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height,
            source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(turned);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        canvas.Flush();
        return turned;
    }
}
