using ChildProtection.Library;
using ChildProtection.Core.Caching;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Campaigns.Related;
using ChildProtection.Core.Contents;
using ChildProtection.Events;
using ChildProtection.Organisations;
using ChildProtection.Themes.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Campaigns.Public;

/// <summary>
/// What a campaign's templates show beyond its parts, as <c>Campaign</c>: its status today and period, the
/// audiences and wards in words, goals, key messages and partners; on its page also its articles, resources
/// and events (picked, then linked, then sharing topics), upcoming events from <see cref="IEventCatalog"/>
/// when the site has events, the material pack and QR code addresses, and the reach totals when the
/// campaign makes them public.
/// </summary>
internal sealed class CampaignTemplateValues(IServiceScopeFactory scopes, ITaggedCache cache, ILogger<CampaignTemplateValues> logger) : IContentTemplateValues
{
    public const int ArticleCount = 6;
    public const int ResourceCount = 8;
    public const int EventCount = 6;
    private static readonly TimeSpan ClockBoundLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The types whose publication changes what a campaign page lists (its own reach reports evict its item tag).</summary>
    private static readonly string[] ListedTypes = ["Article", "Resource", "Event"];

    public async Task AddAsync(ContentTemplateContext context)
    {
        var item = context.Item;
        if (item.ContentType != CampaignData.TypeName) return;
        var data = CampaignData.From(item);
        var today = CampaignCatalog.Today(context.Scope.TimeZone, DateTime.UtcNow);
        var values = CampaignViews.Basics(item, data, data.StatusOn(today));
        context.Values["Campaign"] = values;
        if (context.Display != TemplateNames.DetailDisplay) return;

        // The page lists articles, resources and events found through indexes, and reach totals: a cached copy
        // goes when any of those types is published (the campaign's own item tag covers its reach reports).
        var tags = ListedTypes.Select(PageCacheTags.Type).Append(PageCacheTags.Item(item.ContentItemId)).ToArray();
        if (context.Services?.GetService<PageCacheTags>() is { } pageTags)
            foreach (var tag in tags) pageTags.Add(tag);

        // About twenty queries: made once per campaign version and kept until one of those tags is evicted, or
        // for a minute: upcoming events pass with the clock and ward names change in the directory without an
        // eviction, and a page rendered from these values is itself kept up to five minutes more.
        var details = await cache.GetOrCreateAsync<IReadOnlyDictionary<string, object?>>($"campaign-page:{item.ContentItemVersionId}", tags, ClockBoundLifetime,
            async () => await DetailsAsync(context.Services, item, data));
        foreach (var (key, value) in details!) values[key] = value;
    }

    /// <summary>Everything the campaign page shows beyond the campaign itself; shared between requests, read-only.</summary>
    private async Task<IReadOnlyDictionary<string, object?>> DetailsAsync(IServiceProvider? requestServices, ContentItem item, CampaignData data)
    {
        // Outside a request (a preview rendered by a job) there are no request services: a scope of its own.
        await using var ownScope = requestServices is null ? scopes.CreateAsyncScope() : (AsyncServiceScope?)null;
        var services = requestServices ?? ownScope!.Value.ServiceProvider;
        var ct = CancellationToken.None;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        values["Wards"] = await WardNamesAsync(services, data, ct);
        var related = services.GetRequiredService<CampaignRelated>();
        values["Articles"] = (await related.FindAsync(item, "Article", data.ArticleIds, ArticleCount, ct)).Select(r => (object?)CampaignViews.Link(r.Item)).ToList();
        values["Resources"] = (await related.FindAsync(item, "Resource", data.ResourceIds, ResourceCount, ct)).Select(r => (object?)CampaignViews.Link(r.Item)).ToList();
        values["LibraryUrl"] = CampaignRoutes.Library(item.ContentItemId);
        // The Library's own rule (the files its pack streams), so the link is shown exactly when the pack answers 200;
        // no Library module, no pack.
        if (services.GetService<ICampaignPacks>() is { } packs && await packs.HasPublicFileAsync(item.ContentItemId, ct))
            values["PackUrl"] = packs.Url(item.ContentItemId);
        if (!string.IsNullOrEmpty(item.Path))
        {
            values["QrSvgUrl"] = CampaignRoutes.QrSvg(item.Path);
            values["QrPngUrl"] = CampaignRoutes.QrPng(item.Path);
        }

        // No events module, no events section: the catalog is the Events module's to provide.
        if (services.GetService<IEventCatalog>() is { } catalog)
        {
            values["HasEvents"] = true;
            var upcoming = await UpcomingAsync(catalog, new EventQuery { CampaignId = item.ContentItemId, Count = EventCount });
            values["Events"] = upcoming;
            var upcomingIds = upcoming.OfType<Dictionary<string, object?>>().Select(e => e["Id"] as string).ToHashSet();
            values["OtherEvents"] = (await related.FindAsync(item, "Event", data.EventIds, EventCount, ct))
                .Where(r => !upcomingIds.Contains(r.Item.ContentItemId)).Select(r => (object?)CampaignViews.Link(r.Item)).ToList();
        }

        if (data.ShowReachPublicly)
        {
            var reach = await services.GetRequiredService<ReachTotals>().ForCampaignAsync(item.ContentItemId, ct);
            if (!reach.IsEmpty) values["Reach"] = CampaignViews.Reach(reach);
        }
        return values;
    }

    internal async Task<List<object?>> UpcomingAsync(IEventCatalog catalog, EventQuery query)
    {
        try
        {
            return (await catalog.UpcomingAsync(query)).Select(e => (object?)CampaignViews.Event(e)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failing events module must not take the campaign page down with it.
            logger.LogWarning(ex, "The event catalog failed for campaign {Campaign}", query.CampaignId);
            return [];
        }
    }

    private static async Task<List<object?>> WardNamesAsync(IServiceProvider services, CampaignData data, CancellationToken ct)
    {
        var names = new List<object?>();
        if (data.WardCodes.Count == 0 || services.GetService<IRecipientDirectory>() is not { } directory) return names;
        foreach (var code in data.WardCodes)
            if (await directory.GetOrganisationByCodeAsync(code, ct) is { } ward) names.Add(ward.Name);
        return names;
    }
}
