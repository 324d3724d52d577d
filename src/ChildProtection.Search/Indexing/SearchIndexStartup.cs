using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// At start-up, in the background (the site serves meanwhile): opens the index, and brings it up to date with
/// the database — rebuilt from nothing when its folder was missing or unreadable, otherwise caught up with
/// items another process (the recipe command line) published while this one was not running.
/// </summary>
internal sealed class SearchIndexStartup(SearchIndex index, IndexRebuild rebuild, ILogger<SearchIndexStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
            try
            {
                if (!index.EnsureOpen()) logger.LogWarning("The search index was missing or unreadable; rebuilding it in the background");
                rebuild.TryStart("start-up");
            }
            catch (Exception ex)
            {
                // Another process holding the index (a rebuild from the command line), or a site not set up yet.
                logger.LogWarning(ex, "The search index could not be opened or caught up at start-up");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
