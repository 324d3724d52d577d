namespace ChildProtection.Core.Caching;

/// <summary>
/// Tells the other nodes of a scale-out site which tags were evicted, so their <see cref="ITaggedCache"/>
/// drops them too. The embedded default (one process) has nobody to tell.
/// </summary>
public interface ICacheEvictionBroadcast
{
    /// <summary>Whether other nodes may hold entries (scale-out mode).</summary>
    bool HasPeers { get; }

    Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken);
}

/// <summary>What a node does with tags another node evicted (the host's listener calls it).</summary>
public interface IPeerEvictions
{
    Task HeardAsync(IReadOnlyCollection<string> tags);
}

/// <summary>
/// Told of every eviction on this node: its own writes' and (<paramref name="fromPeer"/>) those another node's
/// message brought. For what a node keeps outside <see cref="ITaggedCache"/> that follows the same writes (a
/// search index that must read the change log, a module's in-memory lookup): no module-specific channel.
/// Called on the evicting thread: return quickly.
/// </summary>
public interface IEvictionObserver
{
    void Evicted(IReadOnlyCollection<string> tags, bool fromPeer);
}

internal sealed class NoEvictionBroadcast : ICacheEvictionBroadcast
{
    public bool HasPeers => false;
    public Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) => Task.CompletedTask;
}
