using System.Buffers;

namespace Open311;

// A write-only stream over pooled arrays: an answer is built without MemoryStream's growing copies and
// sent from the pooled array itself (or copied once, at its exact size, when it is kept).
sealed class PooledStream : Stream
{
    byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    int length;

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, length);

    public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    public override void Write(ReadOnlySpan<byte> data)
    {
        if (length + data.Length > buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
