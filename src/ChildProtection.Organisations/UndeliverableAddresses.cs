using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations;

/// <summary><see cref="IUndeliverableAddresses"/> on the directory's address rows, and the clean-up page's queries.</summary>
public sealed class UndeliverableAddresses(DirectoryDbContext db) : IUndeliverableAddresses
{
    public async Task<bool> MarkUndeliverableAsync(string email, string reason, DateTime atUtc, CancellationToken cancellationToken = default)
    {
        var key = EmailAddresses.Normalize(email);
        if (key.Length == 0) return false;
        reason = reason.Trim();
        if (reason.Length > DirectoryLimits.UndeliverableReason) reason = reason[..DirectoryLimits.UndeliverableReason];
        var utc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        // One statement each, so two nodes reading bounces at once cannot lose the first date.
        var first = await db.ContactEmails.Where(e => e.Normalized == key && e.UndeliverableSinceUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UndeliverableSinceUtc, utc).SetProperty(e => e.UndeliverableReason, reason), cancellationToken);
        if (first > 0) return true;
        return await db.ContactEmails.Where(e => e.Normalized == key)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UndeliverableReason, reason), cancellationToken) > 0;
    }

    /// <summary>Clears the flag of one address row; false when it was not flagged (cleared already, or gone).</summary>
    public async Task<bool> ClearAsync(int emailId, CancellationToken cancellationToken) =>
        await db.ContactEmails.Where(e => e.Id == emailId && e.UndeliverableSinceUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UndeliverableSinceUtc, (DateTime?)null).SetProperty(e => e.UndeliverableReason, (string?)null), cancellationToken) > 0;
}
