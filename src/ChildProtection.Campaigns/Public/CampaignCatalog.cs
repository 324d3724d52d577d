using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;

namespace ChildProtection.Campaigns.Public;

/// <summary>A published campaign with its data and where it stands today.</summary>
public sealed record CampaignEntry(ContentItem Item, CampaignData Data, CampaignStatus Status);

/// <summary>
/// Published campaigns in the order people look for them: running ones first (ending soonest first), then
/// upcoming ones (starting soonest first), then ended ones (most recently ended first). A city runs tens of
/// campaigns, not thousands: they are read whole and ordered here.
/// </summary>
public sealed class CampaignCatalog(IContentManager contents, ISiteSettingsService settings)
{
    public const int MaxCampaigns = 2000;

    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default) =>
        Today(await settings.GetAsync(cancellationToken));

    public static DateOnly Today(SiteSettings settings) => Today(settings.GetTimeZone(), DateTime.UtcNow);

    /// <summary>The calendar day in the site's time zone: a campaign starting on 1 June runs from midnight in Vietnam, not in UTC.</summary>
    public static DateOnly Today(TimeZoneInfo zone, DateTime utcNow) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone));

    public async Task<IReadOnlyList<CampaignEntry>> PublishedAsync(CancellationToken cancellationToken = default)
    {
        var today = await TodayAsync(cancellationToken);
        var list = new List<CampaignEntry>();
        for (var page = 1; list.Count < MaxCampaigns; page++)
        {
            var batch = await contents.ListPublishedAsync(CampaignData.TypeName, page, 100, cancellationToken);
            foreach (var item in batch.Items)
            {
                var data = CampaignData.From(item);
                list.Add(new CampaignEntry(item, data, data.StatusOn(today)));
            }
            if (page >= batch.PageCount) break;
        }
        return Order(list);
    }

    internal static IReadOnlyList<CampaignEntry> Order(IEnumerable<CampaignEntry> entries) =>
        entries.OrderBy(e => e.Status switch { CampaignStatus.Running => 0, CampaignStatus.Upcoming => 1, _ => 2 })
            .ThenBy(e => e.Status switch
            {
                CampaignStatus.Running => e.Data.End?.DayNumber ?? int.MaxValue,
                CampaignStatus.Upcoming => e.Data.Start?.DayNumber ?? int.MaxValue,
                _ => -(e.Data.End?.DayNumber ?? 0),
            })
            .ThenBy(e => e.Item.DisplayText, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))
            .ToList();
}
