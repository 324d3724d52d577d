namespace ChildProtection.Notices.Data;

/// <summary>The notice's audit trail: who created, submitted, approved, sent, paused, resumed, cancelled or resent it, and when.</summary>
public sealed class NoticeEvent
{
    public long Id { get; set; }
    public int NoticeId { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>User name, or "system" for jobs (recovery after a restart, reminders).</summary>
    public string Actor { get; set; } = "";
    /// <summary>A stable English key (Created, Submitted, Approved, Rejected, SendStarted, Paused, Resumed, Cancelled, ResendFailed, Recovered, Completed, ReminderSent …); the page translates it.</summary>
    public string Action { get; set; } = "";
    public string? Detail { get; set; }
}
