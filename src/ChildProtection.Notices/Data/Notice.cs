namespace ChildProtection.Notices.Data;

/// <summary>Where a notice is in its life. Only Draft and Rejected notices can be edited.</summary>
public enum NoticeStatus
{
    Draft = 0,
    /// <summary>Waiting for a second person's approval before it may be sent.</summary>
    AwaitingApproval = 1,
    /// <summary>Approved (or approval not required) and set to go at <see cref="Notice.ScheduledUtc"/>.</summary>
    Scheduled = 2,
    /// <summary>The ledger is written; chunk jobs are delivering it.</summary>
    Sending = 3,
    Paused = 4,
    /// <summary>Every ledger row has ended (sent, failed or bounced).</summary>
    Completed = 5,
    Cancelled = 6,
}

/// <summary>
/// An official notice ("công văn"): the document's data as Decree 30/2020/NĐ-CP names it, the e-mail's
/// subject and body, attachments, the reply deadline and who it goes to.
/// </summary>
public sealed class Notice
{
    public int Id { get; set; }

    // Official-document data.
    public string Issuer { get; set; } = "";
    /// <summary>Number and symbol, e.g. <c>2869/UBND-LĐTBXH</c>.</summary>
    public string NumberSymbol { get; set; } = "";
    public string DocumentType { get; set; } = "Công văn";
    public DateOnly? IssuedOn { get; set; }
    public string? IssuedPlace { get; set; }
    /// <summary>Trích yếu.</summary>
    public string Summary { get; set; } = "";
    public string? SignerTitle { get; set; }
    public string? SignerName { get; set; }

    // The e-mail.
    public string Subject { get; set; } = "";
    /// <summary>Sanitised HTML from the editor.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>The sending office, put in Reply-To.</summary>
    public string? ReplyToAddress { get; set; }
    public string? ReplyToName { get; set; }

    /// <summary>The end of the day the recipients must reply by, in UTC (the site's time zone decides the day).</summary>
    public DateTime? ResponseDeadlineUtc { get; set; }
    public int ReminderDaysBefore { get; set; } = 3;
    public int MaxReminders { get; set; } = 2;

    public NoticeStatus Status { get; set; }
    public bool RequiresApproval { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? SubmittedBy { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedUtc { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>When to start sending; null means as soon as approved / asked.</summary>
    public DateTime? ScheduledUtc { get; set; }
    public string? SentBy { get; set; }
    public DateTime? SendingStartedUtc { get; set; }
    public DateTime? CompletedUtc { get; set; }
    public DateTime? CancelledUtc { get; set; }

    /// <summary>Base address for acknowledgement links, taken from the site settings or the request that sent it.</summary>
    public string? LinkBaseUrl { get; set; }
    /// <summary>How many ledger rows were written when sending started (0 before).</summary>
    public int RecipientCount { get; set; }

    /// <summary>Optimistic concurrency: two people editing or two nodes changing status do not overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<NoticeTarget> Targets { get; set; } = [];
    public List<NoticeAttachment> Attachments { get; set; } = [];

    public bool IsEditable => Status is NoticeStatus.Draft;
}
