using SkiaSharp;

namespace Open311;

// A photo ready to keep: its pixels re-encoded, so nothing of the upload but the image survives.
sealed record CleanPhoto(byte[] Bytes, ImageKind Kind)
{
    public string ContentType => ImageKinds.ContentType(Kind);
}

// TooMany: the upload carried more files than Open311:Photos:MaxPerUpload; TooManyPixels: the header declared more than MaxPixels.
sealed record PhotoProblem(int Status, string Message, bool TooMany = false, bool TooManyPixels = false);

// An upload whose header has been read and passed the limits: its kind and size, not yet a pixel decoded.
sealed record PhotoUpload(byte[] Bytes, ImageKind Kind, int Width, int Height);

// Decodes an upload and encodes it again. The encoders write no EXIF (GPS, camera, times), XMP or
// comments, so all metadata goes; the EXIF orientation is applied to the pixels first, so the photo
// still stands the right way up. GIFs come back as PNG (first frame): Skia has no GIF encoder.
static class PhotoCleaner
{
    // The header alone: what the file is and how many pixels it declares. Cheap whatever the file claims.
    public static (PhotoUpload? Upload, PhotoProblem? Problem) Inspect(byte[] bytes, long maxPixels)
    {
        if (ImageKinds.Sniff(bytes) is not { } kind)
            return (null, new(400, "is not a JPEG, PNG, WebP or GIF image"));
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
            return (null, new(400, "is not a readable image"));
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > maxPixels)
            return (null, new(400, $"is {width}x{height} pixels, more than the limit of {maxPixels} pixels", TooManyPixels: true));
        return (new PhotoUpload(bytes, kind, width, height), null);
    }

    public static (CleanPhoto? Photo, PhotoProblem? Problem) Clean(byte[] bytes, long maxPixels, int maxEdge = int.MaxValue)
    {
        var (upload, problem) = Inspect(bytes, maxPixels);
        return upload is null ? (null, problem) : Clean(upload, maxEdge);
    }

    // Decodes at the smallest size the codec offers that is not much below maxEdge, then scales to maxEdge.
    public static (CleanPhoto? Photo, PhotoProblem? Problem) Clean(PhotoUpload upload, int maxEdge)
    {
        using var data = SKData.CreateCopy(upload.Bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return (null, new(400, "is not a readable image"));
        var longest = Math.Max(upload.Width, upload.Height);
        var scale = longest > maxEdge ? (float)maxEdge / longest : 1f;
        var size = scale < 1 ? codec.GetScaledDimensions(scale) : codec.Info.Size;
        var info = codec.Info.WithSize(size.Width, size.Height).WithColorSpace(null);
        if (info.AlphaType == SKAlphaType.Unpremul) info = info.WithAlphaType(SKAlphaType.Premul);

        using var decoded = SKBitmap.Decode(codec, info);
        if (decoded is null) return (null, new(400, "is not a readable image"));
        using var smaller = Math.Max(decoded.Width, decoded.Height) > maxEdge ? Smaller(decoded, maxEdge) : null;
        var pixels = smaller ?? decoded;
        using var upright = Upright(pixels, codec.EncodedOrigin);

        var output = upload.Kind == ImageKind.Gif ? ImageKind.Png : upload.Kind;
        var format = output switch
        {
            ImageKind.Jpeg => SKEncodedImageFormat.Jpeg,
            ImageKind.WebP => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Png,
        };
        using var encoded = (upright ?? pixels).Encode(format, 90);
        if (encoded is null) return (null, new(400, "could not be re-encoded"));
        return (new CleanPhoto(encoded.ToArray(), output), null);
    }

    static SKBitmap? Smaller(SKBitmap source, int maxEdge)
    {
        var ratio = (double)maxEdge / Math.Max(source.Width, source.Height);
        var width = Math.Max(1, (int)Math.Round(source.Width * ratio));
        var height = Math.Max(1, (int)Math.Round(source.Height * ratio));
        return source.Resize(source.Info.WithSize(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
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
