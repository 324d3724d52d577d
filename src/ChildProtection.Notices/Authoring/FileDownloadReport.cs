using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Authoring;

/// <summary>One file of a notice and how many recipients downloaded it (each once, at their first download).</summary>
public sealed record FileDownloadCount(int AttachmentId, string FileName, long Size, int Recipients);

/// <summary>
/// The report's part about downloaded files: a count per file beside the acknowledgements, and per ledger
/// row which files that recipient downloaded and when (the table, the CSV/XLSX export).
/// </summary>
public sealed class FileDownloadReport
{
    private readonly Dictionary<long, List<(int AttachmentId, DateTime FirstUtc)>> byRecipient;
    private readonly Dictionary<int, string> names;

    private FileDownloadReport(IReadOnlyList<FileDownloadCount> files, Dictionary<long, List<(int, DateTime)>> byRecipient)
    {
        Files = files;
        this.byRecipient = byRecipient;
        names = files.ToDictionary(f => f.AttachmentId, f => f.FileName);
    }

    public IReadOnlyList<FileDownloadCount> Files { get; }

    /// <param name="recipientIds">The rows to know the downloads of (a page of the report); null: every row (the export).</param>
    public static async Task<FileDownloadReport> ForAsync(NoticesDbContext db, int noticeId, IReadOnlyCollection<long>? recipientIds, CancellationToken cancellationToken)
    {
        var attachments = await db.NoticeAttachments.AsNoTracking().Where(a => a.NoticeId == noticeId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.FileName, a.Size }).ToListAsync(cancellationToken);
        var downloads = db.NoticeFileDownloads.AsNoTracking().Where(d => d.NoticeId == noticeId);
        var counts = await downloads.GroupBy(d => d.AttachmentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var files = attachments.Select(a => new FileDownloadCount(a.Id, a.FileName, a.Size, counts.GetValueOrDefault(a.Id))).ToList();
        var rows = recipientIds is null ? downloads : downloads.Where(d => recipientIds.Contains(d.RecipientId));
        var byRecipient = new Dictionary<long, List<(int, DateTime)>>();
        if (files.Any(f => f.Recipients > 0))
            await foreach (var d in rows.OrderBy(d => d.Id).Select(d => new { d.RecipientId, d.AttachmentId, d.FirstUtc }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (!byRecipient.TryGetValue(d.RecipientId, out var list)) byRecipient[d.RecipientId] = list = [];
                list.Add((d.AttachmentId, d.FirstUtc));
            }
        return new FileDownloadReport(files, byRecipient);
    }

    /// <summary>The files this recipient downloaded, with the time of the first download, in the order downloaded.</summary>
    public IReadOnlyList<(string FileName, DateTime FirstUtc)> Of(long recipientId) =>
        byRecipient.TryGetValue(recipientId, out var list)
            ? list.Select(d => (names.GetValueOrDefault(d.AttachmentId) ?? "?", d.FirstUtc)).ToList()
            : [];

    /// <summary>One cell for the export: "name (time); name (time)".</summary>
    public string Cell(long recipientId, SiteTime time) => string.Join("; ", Of(recipientId).Select(d => $"{d.FileName} ({time.Format(d.FirstUtc)})"));
}
