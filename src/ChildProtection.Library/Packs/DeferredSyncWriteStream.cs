namespace ChildProtection.Library.Packs;

/// <summary>
/// The response body for <see cref="System.IO.Compression.ZipArchive"/>: Kestrel refuses synchronous
/// writes (they would block a thread while a slow phone reads), and ZipArchive still writes its small
/// records (local headers, data descriptors, the central directory) synchronously even in its async API.
/// Synchronous writes are kept in memory and go out with the next asynchronous write or flush; the file
/// data itself is written asynchronously and never held. <see cref="MaxPending"/> shows how much was ever
/// held at once (a few kilobytes of headers; the central directory of a very large pack at most).
/// </summary>
internal sealed class DeferredSyncWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();
    private long position;

    public long MaxPending { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        position += buffer.Length;
        if (pending.Length > MaxPending) MaxPending = pending.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await FlushPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await FlushPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0) return;
        await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }

    // Nothing to do synchronously: what is pending goes out with the next asynchronous call.
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
