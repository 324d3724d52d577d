using System.Text.Json;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Campaigns.Related;

/// <summary>
/// Keeps <see cref="CampaignLink"/> in step with publication: a published article, resource or event gets
/// one row per topic it carries (and a resource one per campaign it names); unpublishing or removing it, or a
/// resource becoming restricted, drops its rows. Runs after the engine has committed the change.
/// </summary>
internal sealed class CampaignLinkIndexer(CampaignsDbContext db) : IContentEventHandler
{
    /// <summary>The types a campaign's page gathers.</summary>
    public static readonly string[] Types = ["Article", "Resource", "Event"];

    public Task PublishedAsync(ContentItem item) =>
        Types.Contains(item.ContentType) ? ReplaceAsync(item.ContentItemId, item.ContentType, LinksOf(item), item.PublishedUtc ?? DateTime.UtcNow) : Task.CompletedTask;

    public Task UnpublishedAsync(ContentItem item) =>
        Types.Contains(item.ContentType) ? ReplaceAsync(item.ContentItemId, item.ContentType, [], default) : Task.CompletedTask;

    public Task RemovedAsync(ContentItem item) =>
        Types.Contains(item.ContentType) ? ReplaceAsync(item.ContentItemId, item.ContentType, [], default) : Task.CompletedTask;

    /// <summary>What an item links to; nothing for restricted library material, which a public page must never list.</summary>
    internal static IReadOnlyList<(string Kind, string Key)> LinksOf(ContentItem item)
    {
        if (item.ContentType == "Resource" && IsRestricted(item)) return [];
        var links = CampaignData.TopicsOf(item).Where(t => t.Length <= 200).Select(t => (CampaignLink.TopicKind, t)).ToList();
        if (item.ContentType == "Resource")
            links.AddRange(CampaignData.Strings(item.Part("ResourcePart")?["CampaignIds"]).Where(c => c.Length <= 26).Select(c => (CampaignLink.CampaignKind, c)));
        return links;
    }

    /// <summary>The library's restricted flag, as its stored part carries it (the search index reads it the same way).</summary>
    internal static bool IsRestricted(ContentItem item) => item.Part("ResourcePart")?["Restricted"]?.GetValueKind() == JsonValueKind.True;

    internal async Task ReplaceAsync(string contentItemId, string contentType, IReadOnlyList<(string Kind, string Key)> links, DateTime publishedUtc)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Links.Where(l => l.ContentItemId == contentItemId).ExecuteDeleteAsync();
        foreach (var (kind, key) in links.Distinct())
            db.Links.Add(new CampaignLink { ContentItemId = contentItemId, LinkKind = kind, Key = key, ContentType = contentType, PublishedUtc = publishedUtc });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
    }
}
