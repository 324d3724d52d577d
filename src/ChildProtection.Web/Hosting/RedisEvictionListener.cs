using System.Text.Json;
using ChildProtection.Core.Caching;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Listens on the eviction channel from start-up (a node that never evicts must still hear the others).
/// Messages are handled one at a time, in the order they were sent. While the connection is down messages
/// are lost: when it comes back, everything this node keeps is dropped (it may have missed an eviction).
/// </summary>
internal sealed class RedisEvictionListener(ICacheEvictionBroadcast broadcast, IServiceProvider services, IPeerEvictions peers,
    ITaggedCache cache, PublicPageStore pages, ILogger<RedisEvictionListener> logger) : IHostedService
{
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (broadcast is not RedisEvictionBroadcast { HasPeers: true } redis) return;
        var multiplexer = services.GetRequiredService<RedisConnection>().Multiplexer;
        multiplexer.ConnectionRestored += (_, _) =>
        {
            cache.EvictLocal([PageCacheTags.Site]);
            pages.EvictLocal([PageCacheTags.Site]);
        };
        try
        {
            queue = await multiplexer.GetSubscriber().SubscribeAsync(redis.Channel);
        }
        catch (RedisException ex)
        {
            // Not reachable now: the multiplexer subscribes again once it connects (it re-establishes its
            // subscriptions), so the site starts and serves from the database meanwhile.
            logger.LogError(ex, "Could not subscribe to {Channel}; cached values will not hear other nodes until Redis is back", redis.Channel);
            return;
        }
        queue.OnMessage(async message =>
        {
            try
            {
                var eviction = JsonSerializer.Deserialize<EvictionMessage>(message.Message.ToString());
                if (eviction is { Tags: { } tags } && eviction.Node != redis.NodeId) await peers.HeardAsync(tags);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "An eviction message on {Channel} could not be applied", redis.Channel);
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (queue is null) return;
        try
        {
            await queue.UnsubscribeAsync();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
        {
            // The connection went first (the host's shutdown order is not ours to choose, and a Redis that
            // is down cannot be told): its subscriptions end with it, so there is nothing left to undo, and a
            // shutdown must not fail over it (seen as a failed host stop in CrossNodeSearchTests).
            logger.LogDebug(ex, "Eviction channel not unsubscribed: the Redis connection is gone already");
        }
    }
}
