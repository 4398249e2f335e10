using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Open311.Tests;

// Images made in code. WithMetadata adds, by hand, what a phone camera writes: an EXIF block with an
// orientation, GPS latitude and an artist name, an XMP packet and a JPEG comment.
static class TestImages
{
    public const string Artist = "ARTIST-MARKER-4711";
    public const string XmpMarker = "XMP-MARKER-0815";
    public const string CommentMarker = "COMMENT-MARKER-2323";

    // Left half red, right half blue, so that a turn shows in the pixels.
    public static byte[] Jpeg(int width = 40, int height = 20, bool noise = false) => Encode(width, height, SKEncodedImageFormat.Jpeg, noise);

    public static byte[] Png(int width = 40, int height = 20) => Encode(width, height, SKEncodedImageFormat.Png, false);

    public static byte[] WebP(int width = 40, int height = 20) => Encode(width, height, SKEncodedImageFormat.Webp, false);

    // The smallest GIF: one white pixel.
    public static readonly byte[] Gif = Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    static byte[] Encode(int width, int height, SKEncodedImageFormat format, bool noise)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(7);
        for (var x = 0; x < width; x++)
            for (var y = 0; y < height; y++)
                bitmap.SetPixel(x, y, noise ? new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))
                    : x < width / 2 ? SKColors.Red : SKColors.Blue);
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    // A PNG that declares width × height RGB pixels, all black: rows of zeros compress about a thousand to one, so
    // 7000 × 7000 (147 MB of pixels) is a file of some 140 KB, the review's decompression bomb. Made once per size.
    public static byte[] Bomb(int width = 7000, int height = 7000) => Bombs.GetOrAdd((width, height), size => MakeBomb(size.Item1, size.Item2));

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), byte[]> Bombs = new();

    static byte[] MakeBomb(int width, int height)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; header[9] = 2; // 8 bits, RGB; compression, filter and interlace 0
        Chunk(png, "IHDR", header);
        var idat = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + 3 * width]; // filter byte 0, then black pixels
            for (var y = 0; y < height; y++) z.Write(row);
        }
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typed));
        png.Write(crc);
    }

    public static byte[] WithMetadata(byte[] jpeg, ushort orientation = 1)
    {
        var exif = Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation)]);
        var xmp = Segment(0xE1, Encoding.ASCII.GetBytes($"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">{XmpMarker}</x:xmpmeta>"));
        var comment = Segment(0xFE, Encoding.ASCII.GetBytes(CommentMarker));
        return [.. jpeg[..2], .. exif, .. xmp, .. comment, .. jpeg[2..]];
    }

    static byte[] Segment(byte marker, byte[] payload)
    {
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [0xFF, marker, .. length, .. payload];
    }

    // Big-endian TIFF: IFD0 {Orientation, Artist, GPS IFD pointer}, GPS IFD {LatitudeRef N, Latitude 30/1 16/1 0/1}.
    static byte[] Tiff(ushort orientation)
    {
        var t = new byte[104 + Artist.Length + 1];
        void U16(int at, int v) => BinaryPrimitives.WriteUInt16BigEndian(t.AsSpan(at), (ushort)v);
        void U32(int at, long v) => BinaryPrimitives.WriteUInt32BigEndian(t.AsSpan(at), (uint)v);
        void Entry(int at, int tag, int type, int count) { U16(at, tag); U16(at + 2, type); U32(at + 4, count); }
        "MM"u8.CopyTo(t); U16(2, 42); U32(4, 8);
        U16(8, 3);
        Entry(10, 0x0112, 3, 1); U16(18, orientation);
        Entry(22, 0x013B, 2, Artist.Length + 1); U32(30, 104);
        Entry(34, 0x8825, 4, 1); U32(42, 50);
        U32(46, 0);
        U16(50, 2);
        Entry(52, 0x0001, 2, 2); t[60] = (byte)'N';
        Entry(64, 0x0002, 5, 3); U32(72, 80);
        U32(76, 0);
        U32(80, 30); U32(84, 1); U32(88, 16); U32(92, 1); U32(96, 0); U32(100, 1);
        Encoding.ASCII.GetBytes(Artist).CopyTo(t, 104);
        return t;
    }

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    public static SKEncodedOrigin OriginOf(byte[] image)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(image));
        return codec.EncodedOrigin;
    }
}
