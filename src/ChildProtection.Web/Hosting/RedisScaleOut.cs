using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Limits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Scale-out mode's shared state, when <c>ConnectionStrings:Redis</c> is set: the output-cache store (a
/// page evicted on one node is gone on every node, DESIGN "Public pages") and the data-protection key ring
/// (a sign-in cookie or signed link made by one node is read by every other) and the rate counters (a
/// sign-in limit counts the attempts made on every node). Without it the site keeps
/// both in memory and in <c>App_Data/keys</c>, as the embedded default.
/// </summary>
/// <remarks>
/// The choice is made when the services are first resolved, not while they are added: test hosts add
/// their configuration late. So both output-cache stores are registered and one factory picks; the
/// in-memory store's registration is the framework's own (its type is internal), kept as it was.
/// </remarks>
internal static class RedisScaleOut
{
    public const string ConnectionName = "Redis";

    /// <summary>Every key this site writes starts with it (<c>Redis:Prefix</c>): several sites, or test runs, may share one server.</summary>
    internal static string PrefixOf(IConfiguration configuration) => configuration["Redis:Prefix"] is { Length: > 0 } prefix ? prefix : "childprotection:";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    public static void AddServices(IServiceCollection services)
    {
        // One connection per process, opened on first use.
        services.AddSingleton(sp => new RedisConnection(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)));
        // Values cached beside the pages are evicted on every node: the tags travel on a Redis channel.
        services.RemoveAll<ICacheEvictionBroadcast>();
        services.AddSingleton<ICacheEvictionBroadcast, RedisEvictionBroadcast>();
        services.AddHostedService<RedisEvictionListener>();
        // Sign-in throttles (and, later, the other limits) count on Redis so that a limit holds across nodes.
        services.RemoveAll<IRateCounter>();
        services.AddSingleton<MemoryRateCounter>();
        services.AddSingleton<IRateCounter>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (!IsConfigured(configuration)) return sp.GetRequiredService<MemoryRateCounter>();
            return new RedisRateCounter(sp.GetRequiredService<RedisConnection>(), PrefixOf(configuration),
                sp.GetRequiredService<MemoryRateCounter>(), sp.GetRequiredService<ILogger<RedisRateCounter>>());
        });

        var memoryStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        var redisServices = new ServiceCollection();
        redisServices.AddStackExchangeRedisOutputCache(_ => { });
        var redisStore = redisServices.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        foreach (var descriptor in redisServices.Where(d => d.ServiceType != typeof(IOutputCacheStore))) services.Add(descriptor);
        services.AddOptions<RedisOutputCacheOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            var connection = sp.GetRequiredService<RedisConnection>();
            o.ConnectionMultiplexerFactory = () => Task.FromResult(connection.Multiplexer);
            o.InstanceName = PrefixOf(sp.GetRequiredService<IConfiguration>()) + "pages:";
        });
        services.AddSingleton<IOutputCacheStore>(sp =>
            (IOutputCacheStore)Create(IsConfigured(sp.GetRequiredService<IConfiguration>()) ? redisStore : memoryStore, sp));
    }

    /// <summary>The key ring's repository: Redis in scale-out mode, else the data folder.</summary>
    public static IXmlRepository KeyRepository(IServiceProvider sp, Func<IXmlRepository> local)
    {
        if (!IsConfigured(sp.GetRequiredService<IConfiguration>())) return local();
        var connection = sp.GetRequiredService<RedisConnection>();
        return new RedisXmlRepository(() => connection.Multiplexer.GetDatabase(), PrefixOf(sp.GetRequiredService<IConfiguration>()) + "data-protection-keys");
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider sp) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
}

/// <summary>The process's Redis connection, made when first needed (a site without Redis never makes it).</summary>
internal sealed class RedisConnection(string? configuration) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> multiplexer = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration ?? throw new InvalidOperationException("ConnectionStrings:Redis is empty."));
        // A Redis that is down (or restarting) must not stop the site from starting or stay failed for the
        // life of the process: the multiplexer keeps reconnecting in the background.
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    });

    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }
}
