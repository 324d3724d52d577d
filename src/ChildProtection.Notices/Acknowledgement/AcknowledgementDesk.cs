using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Acknowledgement;

public enum AcknowledgementPageKind { Valid, Test, Invalid, Expired, Withdrawn }

/// <summary>What a personal link leads to: the notice and the recipient's ledger row, or why not.</summary>
public sealed record AcknowledgementLookup(AcknowledgementPageKind Kind, Notice? Notice = null, NoticeRecipient? Recipient = null);

/// <summary>
/// The recipient's side of a notice: reading a personal link and recording "Đã nhận". Only a POST
/// acknowledges (mail scanners follow links); the first acknowledgement wins.
/// </summary>
public sealed class AcknowledgementDesk(NoticesDbContext db, AcknowledgementTokens tokens, TimeProvider clock)
{
    /// <summary>The token in every test message: a page that explains it, never a ledger row.</summary>
    public const string TestToken = "thu-nghiem";

    public async Task<AcknowledgementLookup> LookUpAsync(string? token, CancellationToken cancellationToken)
    {
        if (token == TestToken) return new(AcknowledgementPageKind.Test);
        var read = tokens.Read(token);
        if (read.State == AcknowledgementTokenState.Invalid) return new(AcknowledgementPageKind.Invalid);
        var recipient = await db.NoticeRecipients.AsNoTracking().FirstOrDefaultAsync(r => r.Id == read.RecipientId && r.NoticeId == read.NoticeId, cancellationToken);
        var notice = recipient is null ? null
            : await db.Notices.AsNoTracking().Include(n => n.Attachments).FirstOrDefaultAsync(n => n.Id == read.NoticeId, cancellationToken);
        if (recipient is null || notice is null) return new(AcknowledgementPageKind.Invalid);
        if (notice.Status == NoticeStatus.Cancelled) return new(AcknowledgementPageKind.Withdrawn, notice, recipient);
        if (read.State == AcknowledgementTokenState.Expired) return new(AcknowledgementPageKind.Expired, notice, recipient);
        return new(AcknowledgementPageKind.Valid, notice, recipient);
    }

    /// <summary>
    /// Records the acknowledgement unless the row already has one. One conditional UPDATE, so two clicks
    /// (or two nodes) record the first only. Returns true when this call recorded it.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(NoticeRecipient recipient, string? name, string? from, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim().Normalize();
        if (name?.Length > 200) name = name[..200];
        if (from?.Length > 100) from = from[..100];
        var changed = await db.NoticeRecipients
            .Where(r => r.Id == recipient.Id && r.AcknowledgedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AcknowledgedUtc, now).SetProperty(r => r.AcknowledgedBy, name).SetProperty(r => r.AcknowledgedFrom, from), cancellationToken);
        if (changed == 0) return false;
        NoticeAudit.Add(db, recipient.NoticeId, name ?? recipient.Email, "Acknowledged", $"{recipient.OrganisationName} <{recipient.Email}>", now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Notes the recipient's first download of a file (later ones change nothing): one insert that the unique
    /// key turns into a no-op, so two nodes or two clicks record it once. Does not acknowledge.
    /// </summary>
    public async Task RecordDownloadAsync(NoticeRecipient recipient, int attachmentId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"NoticeFileDownloads\" (\"NoticeId\", \"RecipientId\", \"AttachmentId\", \"FirstUtc\") VALUES ({recipient.NoticeId}, {recipient.Id}, {attachmentId}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
    }

    public Task<NoticeRecipient?> ReloadAsync(long recipientId, CancellationToken cancellationToken) =>
        db.NoticeRecipients.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recipientId, cancellationToken);
}
