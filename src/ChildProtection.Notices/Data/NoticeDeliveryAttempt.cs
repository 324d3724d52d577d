namespace ChildProtection.Notices.Data;

/// <summary>
/// One past attempt at a ledger row that did not deliver it — a temporary refusal, a permanent one, an
/// interrupted send, a failed reminder — kept so that the row's state says only what is true now (a row
/// delivered on its third try shows delivered) while the report still shows what happened before.
/// Successful sends write nothing here: the row itself records them.
/// </summary>
public sealed class NoticeDeliveryAttempt
{
    public long Id { get; set; }
    public int NoticeId { get; set; }
    public long RecipientId { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>The row's attempt count after this attempt (0 for notes not tied to an attempt).</summary>
    public int Attempt { get; set; }
    /// <summary>What went wrong, as the row's error said it (the server's reply, verbatim, trimmed to the column).</summary>
    public string Detail { get; set; } = "";
}
