using System.Threading.Channels;

namespace ChildProtection.Library.Downloads;

/// <summary>One finished download request, as the endpoint saw it.</summary>
public readonly record struct DownloadHit(string ResourceId, int OrganisationId, DateTime AtUtc);

/// <summary>
/// Where downloads are counted without making anyone wait: the endpoint drops a hit into a bounded
/// in-memory channel (never blocks, never touches the database) and <see cref="DownloadCountWriter"/>
/// writes them in batches. Under overload (more than <see cref="Capacity"/> hits waiting, i.e. the
/// database far behind) new hits are dropped and counted in <see cref="Dropped"/>: a download is never
/// slowed to count it. Hits still in memory when the process dies are lost; the writer drains the
/// channel on an orderly shutdown.
/// </summary>
public sealed class DownloadCounter
{
    public const int Capacity = 100_000;

    private readonly Channel<DownloadHit> channel = Channel.CreateBounded<DownloadHit>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
        SingleWriter = false,
    });

    private long dropped;
    private long recorded;

    public ChannelReader<DownloadHit> Reader => channel.Reader;

    /// <summary>Hits refused because the channel was full (see the class remarks).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Hits accepted since start.</summary>
    public long Recorded => Interlocked.Read(ref recorded);

    public void Record(string resourceId, int organisationId, DateTime atUtc)
    {
        // DropWrite makes TryWrite report success while discarding when full; count by the queue's size instead.
        if (channel.Reader.Count >= Capacity)
        {
            Interlocked.Increment(ref dropped);
            return;
        }
        if (channel.Writer.TryWrite(new DownloadHit(resourceId, organisationId, atUtc))) Interlocked.Increment(ref recorded);
        else Interlocked.Increment(ref dropped);
    }

    internal void Complete() => channel.Writer.TryComplete();
}
