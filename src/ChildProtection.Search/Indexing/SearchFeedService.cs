using ChildProtection.Core.Contents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// In the background from start-up (the site serves meanwhile): opens the index and keeps it in step with the
/// content change log. An index that is new, unreadable, unfinished, or whose position the log has trimmed
/// past (the node was silent too long) is rebuilt from the database, while the loop applies what comes
/// meanwhile; otherwise the node catches up from its position. Then, every poll (<c>Search:PollMilliseconds</c>,
/// default 1000) or as soon as another node's eviction message arrives: apply, report the position (which
/// holds the log's rows) and, now and then, trim the log below the slowest live node.
/// </summary>
internal sealed class SearchFeedService(SearchIndex index, SearchChangeFeed feed, IndexRebuild rebuild, IServiceScopeFactory scopes,
    IConfiguration configuration, ILogger<SearchFeedService> logger) : BackgroundService
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TrimEvery = TimeSpan.FromMinutes(1);

    /// <summary>How long a node may stay silent before it no longer holds back trimming (and rebuilds when it returns).</summary>
    public TimeSpan Silence => TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Search:ReaderSilenceMinutes", 60)));

    private TimeSpan Poll => TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Search:PollMilliseconds", 1000), 50, 60_000));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var reported = -1L;
        var lastReport = DateTime.MinValue;
        var lastTrim = DateTime.UtcNow;
        var started = false;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    // A site not set up yet has no tables: this fails until it is, and is tried again.
                    var current = false;
                    if (!index.EnsureOpen()) logger.LogWarning("The search index was missing, unreadable or unfinished; rebuilding it in the background");
                    else if (!await ReportAsync(stoppingToken)) logger.LogWarning("The search index missed changes the log no longer holds; rebuilding it in the background");
                    else current = true;
                    if (!current) await StartOverAsync("start-up", stoppingToken);
                    else logger.LogInformation("Search index catching up from change log position {Position}", index.Applied);
                    started = true;
                }
                await feed.ApplyPendingAsync(stoppingToken);
                if (index.Applied != reported || DateTime.UtcNow - lastReport > ReportEvery)
                {
                    if (!await ReportAsync(stoppingToken))
                    {
                        logger.LogWarning("This node was silent for longer than {Silence} and the log was trimmed past it; rebuilding its search index", Silence);
                        await StartOverAsync("change log trimmed", stoppingToken);
                    }
                    reported = index.Applied;
                    lastReport = DateTime.UtcNow;
                }
                if (DateTime.UtcNow - lastTrim > TrimEvery)
                {
                    lastTrim = DateTime.UtcNow;
                    await TrimAsync(stoppingToken);
                }
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                // Database unreachable, site not set up, another process holding the index: logged once, tried again.
                if (!failing) logger.LogWarning(ex, "The search index could not be brought up to date with the change log; trying again");
                failing = true;
            }
            try { await feed.WaitAsync(Poll, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// From the log's newest position, before the rebuild reads the database: the loop applies only what comes
    /// after it, and the rebuild covers the rest.
    /// </summary>
    private async Task StartOverAsync(string reason, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
            index.StartOver(await scope.ServiceProvider.GetRequiredService<IContentChangeLog>().LatestAsync(cancellationToken));
        // Already running (the admin's button): it finishes, and the index stays marked for the next start-up.
        if (!rebuild.TryStart(reason)) logger.LogInformation("A search index rebuild is already running");
    }

    private async Task<bool> ReportAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IContentChangeLog>().ReportAsync(index.ReaderId, index.Applied, cancellationToken);
    }

    /// <summary>Every node trims (it is idempotent and under the log's lock): no node is special.</summary>
    public async Task<int> TrimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IContentChangeLog>().TrimAsync(Silence, cancellationToken);
    }
}
