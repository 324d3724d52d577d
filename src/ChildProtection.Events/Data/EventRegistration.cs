namespace ChildProtection.Events.Data;

public enum RegistrationStatus { Confirmed = 0, Waiting = 1, Cancelled = 2 }

/// <summary>A school's, class's or group's registration for an event: who, how to reach them, how many.</summary>
public sealed class EventRegistration
{
    public long Id { get; set; }
    public string EventId { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public int Participants { get; set; }
    public RegistrationStatus Status { get; set; }
    /// <summary>The order of the waiting list: earlier registrations move up first.</summary>
    public DateTime CreatedUtc { get; set; }
    public DateTime? ConfirmedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }
    /// <summary>"registrant" when cancelled through the personal link, else the admin user's name.</summary>
    public string? CancelledBy { get; set; }
    /// <summary>The site's address as the registrant reached it, for links in e-mails when no base address is configured.</summary>
    public string? SiteUrl { get; set; }
}

public enum EventMailKind { Confirmed = 0, Waiting = 1, MovedUp = 2, Cancelled = 3, EventCancelled = 4 }

public enum EventMailStatus { Queued = 0, Sending = 1, Sent = 2, Failed = 3 }

/// <summary>
/// One e-mail promised to a registrant, written in the same transaction as the change it tells about, then
/// sent by a background job through the Mail module: the request never waits for SMTP, and a mail that
/// could not go out is retried, not lost.
/// </summary>
public sealed class EventMail
{
    public long Id { get; set; }
    public long RegistrationId { get; set; }
    public EventMailKind Kind { get; set; }
    public EventMailStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? ClaimedUtc { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
}
