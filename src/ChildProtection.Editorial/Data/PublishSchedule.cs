using ChildProtection.Core.Contents;

namespace ChildProtection.Editorial.Data;

public enum ScheduledAction { Publish, Unpublish }

public enum ScheduleStatus
{
    Pending,
    /// <summary>Claimed by a runner (ClaimedBy, ClaimedUtc); a claim older than the lease is taken over.</summary>
    Running,
    Done,
    Cancelled,
    /// <summary>Not carried out: the item changed after approval, or is gone.</summary>
    Skipped,
}

/// <summary>
/// A publication or withdrawal promised for a time. This table, not Hangfire, is the schedule: the
/// minute job carries out every row that is due, however late, so nothing is lost to a restart.
/// </summary>
public sealed class PublishSchedule
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public ScheduledAction Action { get; set; }
    public DateTime DueUtc { get; set; }
    /// <summary>Publish: the approved version; publishing is skipped if the latest version is another.</summary>
    public string? VersionId { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedUtc { get; set; }
    public ScheduleStatus Status { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public string? Outcome { get; set; }
    /// <summary>Unpublish: how the address behaves afterwards, and why.</summary>
    public RetirementKind? RetireAs { get; set; }
    public string? Reason { get; set; }
    public string? SuccessorPath { get; set; }
}

/// <summary>The old address of an item taken off the site with a reason (see <see cref="RetirementKind"/>).</summary>
public sealed class Retirement
{
    public string Path { get; set; } = "";
    public string ContentItemId { get; set; } = "";
    public string Title { get; set; } = "";
    public RetirementKind Kind { get; set; }
    public string? Reason { get; set; }
    public string? SuccessorPath { get; set; }
    public string By { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>A message to one person in the admin (the bell), also sent by e-mail.</summary>
public sealed class EditorialNotification
{
    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Url { get; set; }
    public string? ContentItemId { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
    /// <summary>How the e-mail went: "sent", "no address", or the server's reply.</summary>
    public string? MailOutcome { get; set; }
}
