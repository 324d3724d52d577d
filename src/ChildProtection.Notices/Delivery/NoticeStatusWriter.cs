using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// Changes a notice's status only from the states named, in one conditional UPDATE (so two nodes or two
/// clicks cannot both do it), together with its audit event, and bumps the notice's concurrency version
/// so an editor holding an older copy cannot overwrite the change.
/// </summary>
public sealed class NoticeStatusWriter(NoticesDbContext db, TimeProvider clock)
{
    public const string SystemActor = "system";

    /// <returns>True when this call made the change (and wrote the event).</returns>
    public async Task<bool> TransitionAsync(int noticeId, NoticeStatus[] from, NoticeStatus to, string actor, string action, string? detail,
        Action<UpdateSettersBuilder<Notice>>? also, CancellationToken cancellationToken, bool recordEvent = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var version = Guid.NewGuid();
        var strategyOwnsTransaction = db.Database.CurrentTransaction is null;
        await using var tx = strategyOwnsTransaction ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var changed = await db.Notices.Where(n => n.Id == noticeId && from.Contains(n.Status)).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(n => n.Status, to).SetProperty(n => n.Version, version).SetProperty(n => n.UpdatedUtc, now);
            also?.Invoke(s);
        }, cancellationToken);
        if (changed == 0) return false;
        // A caller that passes recordEvent: false writes the event itself, in its own transaction, once it knows the detail.
        if (recordEvent) await AddEventAsync(noticeId, actor, action, detail, cancellationToken);
        if (tx is not null) await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AddEventAsync(int noticeId, string actor, string action, string? detail, CancellationToken cancellationToken)
    {
        db.NoticeEvents.Add(new NoticeEvent
        {
            NoticeId = noticeId, AtUtc = clock.GetUtcNow().UtcDateTime, Actor = Cut(actor, 256), Action = action, Detail = detail is null ? null : Cut(detail, 2000),
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Once, by whichever lane sees the last row end: Sending → Completed with an audit event.</summary>
    public async Task<bool> CompleteAsync(int noticeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = await db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId)
            .GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(DeliveryStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var detail = $"sent={Count(DeliveryStatus.Sent)} failed={Count(DeliveryStatus.Failed)} bounced={Count(DeliveryStatus.Bounced)} cancelled={Count(DeliveryStatus.Cancelled)}";
        return await TransitionAsync(noticeId, [NoticeStatus.Sending], NoticeStatus.Completed, SystemActor, DeliveryActions.Completed, detail,
            s => s.SetProperty(n => n.CompletedUtc, now), cancellationToken);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>The audit actions delivery writes (stable English keys; the pages translate them).</summary>
public static class DeliveryActions
{
    public const string SendScheduled = "SendScheduled";
    public const string SendStarted = "SendStarted";
    public const string Paused = "Paused";
    public const string Resumed = "Resumed";
    public const string Cancelled = "Cancelled";
    public const string ResendFailed = "ResendFailed";
    public const string Recovered = "Recovered";
    public const string Completed = "Completed";
}
