using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Authoring;

/// <summary>The report's filters over one notice's ledger: delivery status, acknowledged or not, and a search in address and unit.</summary>
public sealed record ReportFilter(DeliveryStatus? Status, bool? Acknowledged, string? Search)
{
    public IQueryable<NoticeRecipient> Apply(IQueryable<NoticeRecipient> rows)
    {
        if (Status is { } s) rows = rows.Where(r => r.Status == s);
        if (Acknowledged == true) rows = rows.Where(r => r.AcknowledgedUtc != null);
        if (Acknowledged == false) rows = rows.Where(r => r.AcknowledgedUtc == null);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var q = Search.Trim().Normalize();
            var lower = q.ToLowerInvariant();
            rows = rows.Where(r => r.Email.Contains(lower) || r.OrganisationName.Contains(q) || r.OrganisationCode.Contains(q));
        }
        return rows;
    }
}

/// <summary>Counts of one notice's ledger by delivery status, and how many acknowledged.</summary>
public sealed record ReportCounts(IReadOnlyDictionary<DeliveryStatus, int> ByStatus, int Total, int Acknowledged)
{
    public int Of(DeliveryStatus s) => ByStatus.TryGetValue(s, out var n) ? n : 0;
    /// <summary>Acknowledged as a share of those the notice reached (sent rows), in whole per cent.</summary>
    public int AcknowledgedPercent => Of(DeliveryStatus.Sent) == 0 ? 0 : (int)Math.Round(100.0 * Acknowledged / Of(DeliveryStatus.Sent));

    public static async Task<ReportCounts> ForAsync(NoticesDbContext db, int noticeId, CancellationToken cancellationToken)
    {
        var rows = db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId);
        var byStatus = await rows.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var acknowledged = await rows.CountAsync(r => r.AcknowledgedUtc != null, cancellationToken);
        return new ReportCounts(byStatus, byStatus.Values.Sum(), acknowledged);
    }
}
