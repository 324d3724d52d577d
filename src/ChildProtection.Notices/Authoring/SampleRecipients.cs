using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Authoring;

/// <summary>
/// The recipients a sender may look at the notice as (the preview's selector, the test send): the ledger
/// rows once the notice has gone out (their links are the real ones), before that whom the chosen groups
/// and organisations reach today. The first <see cref="Max"/>, by organisation name.
/// </summary>
public sealed class SampleRecipients(NoticesDbContext db, RecipientsPreview preview, RecipientWards wards, NoticeMessageComposer composer)
{
    public const int Max = 500;

    /// <param name="notice">With <see cref="Notice.Targets"/> loaded.</param>
    public async Task<IReadOnlyList<NoticeAddressee>> ListAsync(Notice notice, CancellationToken cancellationToken)
    {
        List<NoticeAddressee> list;
        if (notice.RecipientCount > 0)
        {
            var rows = await db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == notice.Id)
                .OrderBy(r => r.OrganisationName).ThenBy(r => r.Email).ThenBy(r => r.Id).Take(Max).ToListAsync(cancellationToken);
            list = rows.Select(r => NoticeAddressee.From(r)).ToList();
        }
        else
        {
            var resolution = await preview.ResolveAsync(
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Group).Select(t => t.TargetId).ToList(),
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Organisation).Select(t => t.TargetId).ToList(), cancellationToken);
            list = resolution.Recipients.OrderBy(r => r.OrganisationName, StringComparer.CurrentCulture).ThenBy(r => r.Email, StringComparer.Ordinal).Take(Max)
                .Select(r => new NoticeAddressee(0, r.Email, r.ContactName, r.OrganisationName) { OrganisationId = r.OrganisationId, OrganisationCode = r.OrganisationCode })
                .ToList();
        }
        if (list.Count > 0 && composer.UsesWard(notice))
        {
            await wards.LoadAsync(list.Select(a => a.OrganisationId), cancellationToken);
            list = list.Select(a => a with { Ward = wards.For(a.OrganisationId) }).ToList();
        }
        return list;
    }

    /// <summary>The one with this address, or the first; null when the notice reaches nobody yet.</summary>
    public static NoticeAddressee? Pick(IReadOnlyList<NoticeAddressee> list, string? email) =>
        list.FirstOrDefault(a => email is not null && string.Equals(a.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)) ?? list.FirstOrDefault();
}
