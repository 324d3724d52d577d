namespace ChildProtection.Core.Caching;

/// <summary>
/// Writes through to the response and keeps a copy of the first <c>limit</c> bytes; past the limit it stops
/// copying (the page is then too large to keep) and only writes through.
/// </summary>
internal sealed class CapturingBody(Stream inner, int limit) : Stream
{
    private MemoryStream? copy = new();

    public bool Overflowed => copy is null;

    public byte[] ToArray() => copy?.ToArray() ?? [];

    private void Keep(ReadOnlySpan<byte> data)
    {
        if (copy is null) return;
        if (copy.Length + data.Length > limit) { copy = null; return; }
        copy.Write(data);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Keep(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Keep(buffer.AsSpan(offset, count));
        return inner.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
