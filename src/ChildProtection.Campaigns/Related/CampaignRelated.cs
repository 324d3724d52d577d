using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Campaigns.Related;

/// <summary>One item a campaign's page shows, and why: picked by the editor, naming the campaign itself, or sharing topics.</summary>
internal sealed record RelatedItem(ContentItem Item, bool Picked, bool Linked);

/// <summary>
/// A campaign's articles, resources and events: those picked on the campaign first (in the editor's order,
/// still published), then items that name the campaign (a resource's campaigns), then those sharing most
/// topics with it, newest first.
/// </summary>
internal sealed class CampaignRelated(CampaignsDbContext db, IContentManager contents)
{
    public async Task<IReadOnlyList<RelatedItem>> FindAsync(ContentItem campaign, string contentType, IReadOnlyList<string> pickedIds, int take, CancellationToken cancellationToken)
    {
        var list = new List<RelatedItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { campaign.ContentItemId };
        foreach (var id in pickedIds)
        {
            if (list.Count >= take) return list;
            if (!seen.Add(id)) continue;
            var item = await contents.GetAsync(id, VersionOptions.Published, cancellationToken);
            if (item is null || item.ContentType != contentType || (contentType == "Resource" && CampaignLinkIndexer.IsRestricted(item))) continue;
            list.Add(new RelatedItem(item, Picked: true, Linked: false));
        }

        var topics = CampaignData.TopicsOf(campaign).ToList();
        var campaignId = campaign.ContentItemId;
        var rows = await db.Links.AsNoTracking()
            .Where(l => l.ContentType == contentType
                && ((l.LinkKind == CampaignLink.CampaignKind && l.Key == campaignId) || (l.LinkKind == CampaignLink.TopicKind && topics.Contains(l.Key))))
            .GroupBy(l => l.ContentItemId)
            .Select(g => new
            {
                Id = g.Key,
                Linked = g.Max(l => l.LinkKind == CampaignLink.CampaignKind ? 1 : 0),
                Shared = g.Count(l => l.LinkKind == CampaignLink.TopicKind),
                Latest = g.Max(l => l.PublishedUtc),
            })
            .OrderByDescending(g => g.Linked).ThenByDescending(g => g.Shared).ThenByDescending(g => g.Latest).ThenBy(g => g.Id)
            .Take(take + seen.Count)
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (list.Count >= take) break;
            if (!seen.Add(row.Id)) continue;
            var item = await contents.GetAsync(row.Id, VersionOptions.Published, cancellationToken);
            // The index follows publication after the fact: an item just taken off may still have rows.
            if (item is null || item.ContentType != contentType || (contentType == "Resource" && CampaignLinkIndexer.IsRestricted(item))) continue;
            list.Add(new RelatedItem(item, Picked: false, Linked: row.Linked == 1));
        }
        return list;
    }
}
