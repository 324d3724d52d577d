using System.Buffers;

namespace ChildProtection.Core.Files;

/// <summary>
/// A seekable read-only view of a file in the database: it fetches only the chunk that holds the current
/// position (one query, on a pooled connection that goes back at once), so a range request for the last
/// megabyte of a 50 MB file reads four chunks, and a whole download holds one chunk at a time.
/// </summary>
internal sealed class ChunkReadStream(DatabaseFileStore store, string version, long length, int chunkSize) : Stream
{
    private byte[]? buffer;
    private int bufferIndex = -1;
    private int bufferLength;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override int Read(byte[] array, int offset, int count) => Read(array.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (!Prepare(out var index)) return 0;
        if (index != bufferIndex) Loaded(index, store.ReadChunk(version, index, Buffer()));
        return CopyOut(destination);
    }

    public override Task<int> ReadAsync(byte[] array, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(array.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (!Prepare(out var index)) return 0;
        if (index != bufferIndex) Loaded(index, await store.ReadChunkAsync(version, index, Buffer(), cancellationToken));
        return CopyOut(destination.Span);
    }

    private bool Prepare(out int index)
    {
        index = (int)(position / chunkSize);
        return position < length;
    }

    private byte[] Buffer() => buffer ??= ArrayPool<byte>.Shared.Rent(chunkSize);

    private void Loaded(int index, int read)
    {
        var expected = (int)Math.Min(chunkSize, length - (long)index * chunkSize);
        if (read < expected)
        {
            bufferIndex = -1;
            throw new StoredFileDamagedException($"Chunk {index} of stored version {version} is {(read < 0 ? "missing" : "short")}.");
        }
        bufferIndex = index;
        bufferLength = expected;
    }

    private int CopyOut(Span<byte> destination)
    {
        var offset = (int)(position - (long)bufferIndex * chunkSize);
        var count = Math.Min(destination.Length, bufferLength - offset);
        buffer.AsSpan(offset, count).CopyTo(destination);
        position += count;
        return count;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] array, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
        base.Dispose(disposing);
    }
}
