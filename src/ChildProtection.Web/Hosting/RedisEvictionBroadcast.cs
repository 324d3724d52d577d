using System.Text.Json;
using ChildProtection.Core.Caching;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Scale-out mode's eviction messages: a node that evicts tags publishes them on the site's Redis channel and
/// every other node drops them from its <see cref="ITaggedCache"/> (<see cref="IPeerEvictions"/>). Without
/// Redis there are no peers and nothing is sent.
/// </summary>
internal sealed class RedisEvictionBroadcast(IConfiguration configuration, IServiceProvider services) : ICacheEvictionBroadcast
{
    /// <summary>This process, so that it can ignore its own messages (it has evicted already).</summary>
    internal string NodeId { get; } = Guid.NewGuid().ToString("N");

    public bool HasPeers { get; } = RedisScaleOut.IsConfigured(configuration);

    internal RedisChannel Channel => RedisChannel.Literal(RedisScaleOut.PrefixOf(configuration) + "evictions");

    public async Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        if (!HasPeers || tags.Count == 0) return;
        var connection = services.GetRequiredService<RedisConnection>();
        await connection.Multiplexer.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new EvictionMessage(NodeId, [.. tags])));
    }
}

internal sealed record EvictionMessage(string Node, string[] Tags);
