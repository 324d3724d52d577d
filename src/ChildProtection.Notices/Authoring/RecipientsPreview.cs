using ChildProtection.Core.Settings;
using ChildProtection.Organisations;

namespace ChildProtection.Notices.Authoring;

/// <summary>Whom a selection reaches today (in the site's time zone): the live summary and the refusals of units no longer valid.</summary>
public sealed class RecipientsPreview(IRecipientDirectory directory, ISiteSettingsService site, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var time = SiteTime.From(await site.GetAsync(cancellationToken));
        return DateOnly.FromDateTime(time.ToLocal(clock.GetUtcNow().UtcDateTime));
    }

    public async Task<RecipientResolution> ResolveAsync(IReadOnlyList<int> groupIds, IReadOnlyList<int> organisationIds, CancellationToken cancellationToken)
    {
        if (groupIds.Count == 0 && organisationIds.Count == 0) return new RecipientResolution([], [], 0);
        return await directory.ResolveAsync(new RecipientSelection(groupIds.Distinct().ToList(), organisationIds.Distinct().ToList()), await TodayAsync(cancellationToken), cancellationToken);
    }
}
