namespace ChildProtection.Notices.Data;

public enum DeliveryStatus
{
    Queued = 0,
    /// <summary>Claimed by a chunk and being handed to the mail server now.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>A permanent refusal (5xx) or retries used up; not retried unless someone asks.</summary>
    Failed = 3,
    /// <summary>Accepted, then returned by the receiving side.</summary>
    Bounced = 4,
    /// <summary>The notice was cancelled before this row was sent.</summary>
    Cancelled = 5,
}

/// <summary>
/// One row of a notice's delivery ledger: one e-mail address, written before anything is sent, with
/// the organisation it speaks for as it was named on the day (a notice sent in 2024 still shows the
/// recipients as they were then). Acknowledgement and reminders are kept on the same row.
/// </summary>
public sealed class NoticeRecipient
{
    public long Id { get; set; }
    public int NoticeId { get; set; }

    /// <summary>Trimmed, lower-case: unique per notice, so nobody is written twice.</summary>
    public string Email { get; set; } = "";
    public string? ContactName { get; set; }
    public int OrganisationId { get; set; }
    public string OrganisationCode { get; set; } = "";
    public string OrganisationName { get; set; } = "";

    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not before this time (back-off after a transient failure).</summary>
    public DateTime? NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>What the mail server said last, verbatim (trimmed to the column).</summary>
    public string? ServerReply { get; set; }
    public DateTime? SentUtc { get; set; }

    /// <summary>Which chunk run holds the row while it is Sending, and until when (a lease).</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimExpiresUtc { get; set; }

    /// <summary>
    /// Set while this row's message is being handed to the mail server (at most one row per lane at a time,
    /// written in the same statement that records the previous row's outcome). A crash leaves it set on
    /// exactly the rows that may have been accepted without the acceptance being recorded.
    /// </summary>
    public DateTime? OnWireSinceUtc { get; set; }

    /// <summary>
    /// The row was on the wire when its lane died (or was stopped mid-message) and has been sent again:
    /// the recipient may have the message twice. Only such rows can be doubled.
    /// </summary>
    public bool PossiblyDoubled { get; set; }

    public DateTime? AcknowledgedUtc { get; set; }
    /// <summary>The name the person typed when acknowledging (optional).</summary>
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgedFrom { get; set; }

    public int RemindersSent { get; set; }
    public DateTime? LastReminderUtc { get; set; }
}
