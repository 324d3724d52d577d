using ChildProtection.Notices.Data;

namespace ChildProtection.Notices.Authoring;

/// <summary>Writes the notice's audit trail and names its actions in words the page can translate.</summary>
public static class NoticeAudit
{
    /// <returns>The event, written with the context's next save (its id is known after that).</returns>
    public static NoticeEvent Add(NoticesDbContext db, int noticeId, string actor, string action, string? detail = null, DateTime? atUtc = null) =>
        db.NoticeEvents.Add(new NoticeEvent
        {
            NoticeId = noticeId, Actor = actor, Action = action, AtUtc = atUtc ?? DateTime.UtcNow,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        }).Entity;

    /// <summary>The English resource key for an action; unknown actions (a newer delivery engine) show as they are.</summary>
    public static string Describe(string action) => action switch
    {
        "Created" => "Created the draft",
        "Edited" => "Edited the draft",
        "AttachmentAdded" => "Added an attachment",
        "AttachmentRemoved" => "Removed an attachment",
        "Submitted" => "Submitted for approval",
        "Approved" => "Approved",
        "Rejected" => "Sent back with a reason",
        "TestSent" => "Sent a test message",
        "SendRequested" => "Asked to send",
        "SendStarted" => "Sending started",
        "Scheduled" or "SendScheduled" => "Scheduled for sending",
        "Paused" => "Paused",
        "Resumed" => "Resumed",
        "Cancelled" => "Cancelled",
        "ResendFailed" => "Resent to failed recipients",
        "Recovered" => "Recovered after a restart",
        "Completed" => "Sending completed",
        "Acknowledged" => "A recipient acknowledged",
        "ReminderSent" => "Reminders sent",
        "MarkedBounced" => "Marked a message as returned",
        "Bounced" => "A message came back from the recipient's server",
        "ReplyFormChanged" => "Changed the reply form",
        "Replied" => "A unit replied",
        "ReplyCorrected" => "A unit corrected its reply",
        _ => action,
    };
}
