using SkiaSharp;

namespace Open311.Tests;

[Trait("Storage", "none")]
public class PhotoCleanerTests
{
    [Fact]
    public void TheHandMadeMetadataIsReallyThereBeforeCleaning()
    {
        var dirty = TestImages.WithMetadata(TestImages.Jpeg(), orientation: 6);
        Assert.Equal(SKEncodedOrigin.RightTop, TestImages.OriginOf(dirty));
        Assert.True(TestImages.Contains(dirty, TestImages.Artist));
        Assert.True(TestImages.Contains(dirty, TestImages.XmpMarker));
        Assert.True(TestImages.Contains(dirty, TestImages.CommentMarker));
    }

    [Fact]
    public void AJpegWithGpsExifComesBackWithoutAnyMetadata()
    {
        var (photo, problem) = PhotoCleaner.Clean(TestImages.WithMetadata(TestImages.Jpeg()), 1_000_000);
        Assert.Null(problem);
        Assert.Equal(ImageKind.Jpeg, photo!.Kind);
        Assert.False(TestImages.Contains(photo.Bytes, "Exif"));
        Assert.False(TestImages.Contains(photo.Bytes, TestImages.Artist));
        Assert.False(TestImages.Contains(photo.Bytes, "http://ns.adobe.com/xap"));
        Assert.False(TestImages.Contains(photo.Bytes, TestImages.XmpMarker));
        Assert.False(TestImages.Contains(photo.Bytes, TestImages.CommentMarker));
        Assert.Equal(SKEncodedOrigin.TopLeft, TestImages.OriginOf(photo.Bytes));
    }

    [Fact]
    public void TheExifOrientationIsAppliedToThePixels()
    {
        // Orientation 6: shown turned 90° clockwise, so the red left half ends up on top.
        var (photo, _) = PhotoCleaner.Clean(TestImages.WithMetadata(TestImages.Jpeg(40, 20), orientation: 6), 1_000_000);
        using var bitmap = SKBitmap.Decode(photo!.Bytes);
        Assert.Equal((20, 40), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.GetPixel(10, 5).Red > 200 && bitmap.GetPixel(10, 5).Blue < 60);
        Assert.True(bitmap.GetPixel(10, 35).Blue > 200 && bitmap.GetPixel(10, 35).Red < 60);
    }

    [Theory]
    [InlineData("png", "Png")]
    [InlineData("webp", "WebP")]
    [InlineData("gif", "Png")]
    public void PngWebPAndGifAreTakenAndReEncoded(string kind, string output)
    {
        var expected = Enum.Parse<ImageKind>(output);
        var bytes = kind switch { "png" => TestImages.Png(), "webp" => TestImages.WebP(), _ => TestImages.Gif };
        var (photo, problem) = PhotoCleaner.Clean(bytes, 1_000_000);
        Assert.Null(problem);
        Assert.Equal(expected, photo!.Kind);
        Assert.Equal(expected, ImageKinds.Sniff(photo.Bytes));
    }

    [Theory]
    [InlineData("just some text, named photo.jpg")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    public void AFileThatIsNotAnImageIsRefused(string text)
    {
        var (photo, problem) = PhotoCleaner.Clean(System.Text.Encoding.UTF8.GetBytes(text), 1_000_000);
        Assert.Null(photo);
        Assert.Equal(400, problem!.Status);
    }

    [Fact]
    public void ATruncatedJpegHeaderIsRefused()
    {
        var (photo, problem) = PhotoCleaner.Clean([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], 1_000_000);
        Assert.Null(photo);
        Assert.NotNull(problem);
    }

    [Fact]
    public void AnImageWithTooManyPixelsIsRefusedBeforeDecoding()
    {
        var (photo, problem) = PhotoCleaner.Clean(TestImages.Png(100, 100), maxPixels: 5_000);
        Assert.Null(photo);
        Assert.Contains("pixels", problem!.Message);
    }

    [Fact]
    public void APngDeclaring7000By7000PixelsIsRefusedFromItsHeaderAtTheDefaultLimit()
    {
        var bomb = TestImages.Bomb();
        Assert.True(bomb.Length < 400_000);
        var (upload, problem) = PhotoCleaner.Inspect(bomb, new PhotoOptions().MaxPixels);
        Assert.Null(upload);
        Assert.True(problem!.TooManyPixels);
        Assert.Equal("is 7000x7000 pixels, more than the limit of 24000000 pixels", problem.Message);
    }

    [Fact]
    public void TheBombItselfIsAReadableImage()
    {
        // So that the refusal above is the limit's doing, not a broken file's.
        var (upload, problem) = PhotoCleaner.Inspect(TestImages.Bomb(300, 200), 1_000_000);
        Assert.Null(problem);
        var (photo, _) = PhotoCleaner.Clean(upload!, 10_000);
        using var bitmap = SKBitmap.Decode(photo!.Bytes);
        Assert.Equal((300, 200), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    [InlineData("webp")]
    public void APhotoLargerThanMaxEdgeIsKeptScaledDownUpright(string kind)
    {
        var bytes = kind switch { "jpeg" => TestImages.Jpeg(800, 400), "png" => TestImages.Png(800, 400), _ => TestImages.WebP(800, 400) };
        var (photo, problem) = PhotoCleaner.Clean(bytes, 1_000_000, maxEdge: 300);
        Assert.Null(problem);
        using var bitmap = SKBitmap.Decode(photo!.Bytes);
        Assert.Equal((300, 150), (bitmap.Width, bitmap.Height));
        // Still red on the left and blue on the right.
        Assert.True(bitmap.GetPixel(40, 75).Red > 200 && bitmap.GetPixel(40, 75).Blue < 60);
        Assert.True(bitmap.GetPixel(260, 75).Blue > 200 && bitmap.GetPixel(260, 75).Red < 60);
    }

    [Fact]
    public void ATurnedJpegIsScaledByItsLongerSide()
    {
        var (photo, _) = PhotoCleaner.Clean(TestImages.WithMetadata(TestImages.Jpeg(800, 400), orientation: 6), 1_000_000, maxEdge: 200);
        using var bitmap = SKBitmap.Decode(photo!.Bytes);
        Assert.Equal((100, 200), (bitmap.Width, bitmap.Height));
    }
}
