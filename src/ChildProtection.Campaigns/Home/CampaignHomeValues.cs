using ChildProtection.Core.Caching;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Public;
using ChildProtection.Core.Contents;
using ChildProtection.Events;
using ChildProtection.Themes.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Campaigns.Home;

/// <summary>
/// What the home page shows of the site's work: running campaigns (<c>RunningCampaigns</c>, items for their
/// Summary display), upcoming events from <see cref="IEventCatalog"/> (<c>UpcomingEvents</c>, and
/// <c>HasEvents</c> only when the site has events), and the latest news (<c>LatestNews</c>). The hotline is the
/// theme's (<c>Site.Hotline</c>). Themes owns the page; this is the one module that fills it.
/// </summary>
internal sealed class CampaignHomeValues(CampaignCatalog campaigns, IContentManager contents, IServiceProvider services, ILogger<CampaignHomeValues> logger) : IHomePageValues
{
    public const int CampaignCount = 3;
    public const int EventCount = 4;
    public const int NewsCount = 4;

    public async Task AddAsync(HomePageContext context)
    {
        var ct = context.CancellationToken;
        // Running campaigns, upcoming events and the latest news: the cached home page goes when any of them is published.
        if (services.GetService<PageCacheTags>() is { } tags)
            foreach (var type in new[] { CampaignData.TypeName, "Event", "Article" }) tags.AddType(type);
        var all = await campaigns.PublishedAsync(ct);
        context.Values["RunningCampaigns"] = all.Where(c => c.Status == CampaignStatus.Running).Take(CampaignCount).Select(c => c.Item).ToList();
        context.Values["UpcomingCampaigns"] = all.Where(c => c.Status == CampaignStatus.Upcoming).Take(CampaignCount).Select(c => c.Item).ToList();
        context.Values["CampaignsUrl"] = CampaignRoutes.List;

        var news = await contents.ListPublishedAsync("Article", 1, NewsCount, ct);
        context.Values["LatestNews"] = news.Items.Where(i => !string.IsNullOrEmpty(i.Path)).ToList();

        if (services.GetService<IEventCatalog>() is { } catalog)
        {
            context.Values["HasEvents"] = true;
            try
            {
                context.Values["UpcomingEvents"] = (await catalog.UpcomingAsync(new EventQuery { Count = EventCount }, ct)).Select(e => (object?)CampaignViews.Event(e)).ToList();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The event catalog failed for the home page");
                context.Values["UpcomingEvents"] = new List<object?>();
            }
        }
    }
}
