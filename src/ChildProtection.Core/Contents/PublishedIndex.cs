using ChildProtection.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Contents;

/// <summary>
/// A module's table derived from the published items of some types (the library's resources, the event
/// schedule, the campaign links). Content events keep it current as items are published and taken off; at
/// start-up <see cref="PublishedIndexCatchUp"/> brings it in step with the published items, for changes made
/// while the site was not running (the recipe command line, a database restored, a module added later). The
/// table lives in the shared database, so in scale-out mode every node reads the same rows.
/// </summary>
public interface IPublishedIndex
{
    /// <summary>The types whose published items the index holds.</summary>
    IReadOnlyCollection<string> ContentTypes { get; }

    /// <summary>Whether the start-up catch-up should run (an index expensive to refill may say: only when empty).</summary>
    Task<bool> NeedsCatchUpAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Writes the item's published version into the index.</summary>
    Task UpsertAsync(ContentItem published, CancellationToken cancellationToken);

    /// <summary>Takes out an item that is no longer published.</summary>
    Task RemoveAsync(string contentItemId, CancellationToken cancellationToken);

    /// <summary>The ids the index holds as published.</summary>
    Task<IReadOnlyCollection<string>> ListedIdsAsync(CancellationToken cancellationToken);
}

public static class PublishedIndexRegistration
{
    /// <summary>Registers a module's index for the start-up catch-up (call it from the module, after the host's migrations service).</summary>
    public static IServiceCollection AddPublishedIndex<TIndex>(this IServiceCollection services) where TIndex : class, IPublishedIndex
    {
        services.AddScoped<IPublishedIndex, TIndex>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PublishedIndexCatchUp>());
        return services;
    }
}

/// <summary>
/// At start-up, for each <see cref="IPublishedIndex"/>: every published item of its types is written, and
/// what it lists that is no longer published is taken out. A failing index is logged (a site not set up yet
/// has no tables; its content events fill the index later) and does not stop the others or the site.
/// </summary>
public sealed class PublishedIndexCatchUp(IServiceScopeFactory scopes, ILogger<PublishedIndexCatchUp> logger) : IHostedService
{
    private const int PageSize = 100;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // One node at a time (scale-out): the tables are shared, and two refills at once would race.
        await using var held = await MigrationLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<DatabaseOptions>(),
            MigrationLock.CatchUpKey, "index catch-up", logger, cancellationToken);
        foreach (var index in scope.ServiceProvider.GetServices<IPublishedIndex>())
        {
            try
            {
                if (await index.NeedsCatchUpAsync(cancellationToken)) await CatchUpAsync(scope.ServiceProvider, index, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Index} could not be brought up to date at start-up", index.GetType().Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Brings one index in step with the published items; returns how many it now holds.</summary>
    public static async Task<int> CatchUpAsync(IServiceProvider services, IPublishedIndex index, CancellationToken cancellationToken)
    {
        var contents = services.GetRequiredService<IContentManager>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in index.ContentTypes)
        {
            for (var page = 1; ; page++)
            {
                var batch = await contents.ListPublishedAsync(type, page, PageSize, cancellationToken);
                foreach (var item in batch.Items)
                {
                    await index.UpsertAsync(item, cancellationToken);
                    seen.Add(item.ContentItemId);
                }
                if (page >= batch.PageCount) break;
            }
        }
        foreach (var id in (await index.ListedIdsAsync(cancellationToken)).Where(id => !seen.Contains(id)).ToList())
            await index.RemoveAsync(id, cancellationToken);
        return seen.Count;
    }
}
