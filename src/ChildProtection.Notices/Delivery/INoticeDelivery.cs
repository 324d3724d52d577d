using ChildProtection.Notices.Data;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// What the admin pages ask of delivery. Every method is safe to call twice and from any node; a call
/// that does not fit the notice's state returns a refusal reason (a resource key) instead of throwing.
/// </summary>
public interface INoticeDelivery
{
    /// <summary>
    /// For a notice that may be sent (approved, or approval not required): resolves its targets through
    /// the directory, writes the ledger (one row per e-mail) and enqueues the chunk jobs — or, when
    /// <see cref="Notice.ScheduledUtc"/> is in the future, schedules that for then.
    /// </summary>
    Task<DeliveryCommandResult> StartAsync(int noticeId, string actor, string linkBaseUrl, CancellationToken cancellationToken = default);
    Task<DeliveryCommandResult> PauseAsync(int noticeId, string actor, CancellationToken cancellationToken = default);
    Task<DeliveryCommandResult> ResumeAsync(int noticeId, string actor, CancellationToken cancellationToken = default);
    /// <summary>Rows not yet sent become Cancelled; rows already sent stay sent.</summary>
    Task<DeliveryCommandResult> CancelAsync(int noticeId, string actor, CancellationToken cancellationToken = default);
    /// <summary>Failed and bounced rows go back to Queued with their attempts reset, and delivery runs again.</summary>
    Task<DeliveryCommandResult> ResendFailedAsync(int noticeId, string actor, CancellationToken cancellationToken = default);
    Task<DeliveryProgress> GetProgressAsync(int noticeId, CancellationToken cancellationToken = default);
}

/// <param name="Error">Null when done; otherwise an English resource key saying why not (e.g. "The notice is not being sent.").</param>
/// <param name="Detail">Data that goes with the refusal, not translated (e.g. the organisations no longer valid, with their successors).</param>
public sealed record DeliveryCommandResult(bool Succeeded, string? Error = null, int Affected = 0, string? Detail = null)
{
    public static DeliveryCommandResult Ok(int affected = 0) => new(true, null, affected);
    public static DeliveryCommandResult Refused(string error) => new(false, error);
}

public sealed record DeliveryProgress(
    NoticeStatus Status, int Total, int Queued, int Sending, int Sent, int Failed, int Bounced, int Cancelled, int Acknowledged)
{
    /// <summary>Rows that have ended (sent, failed, bounced or cancelled), as a whole percentage of the total.</summary>
    public int PercentDone => Total == 0 ? (Status == NoticeStatus.Completed ? 100 : 0) : (int)Math.Floor(100.0 * (Sent + Failed + Bounced + Cancelled) / Total);
}
