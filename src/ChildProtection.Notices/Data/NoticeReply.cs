namespace ChildProtection.Notices.Data;

/// <summary>
/// One version of an organisation's reply to a notice. Replies belong to the organisation, not to one of
/// its addresses: any of its personal links may send or correct it. Each submission is a new row with the
/// next <see cref="Version"/>; the highest counts, the earlier ones are kept for the office. Rows are never
/// changed after they are written.
/// </summary>
public sealed class NoticeReply
{
    public long Id { get; set; }
    public int NoticeId { get; set; }
    public int OrganisationId { get; set; }
    /// <summary>1 for the first reply, then 2, 3 … (unique per notice and organisation).</summary>
    public int Version { get; set; }
    /// <summary>The ledger row whose personal link sent this version.</summary>
    public long RecipientId { get; set; }
    public DateTime SubmittedUtc { get; set; }
    /// <summary>The name typed on the form (optional).</summary>
    public string? SubmittedBy { get; set; }
    public string? SubmittedFrom { get; set; }
    /// <summary>The organisation's ward or commune as the directory named it when the reply came (the report sums by it).</summary>
    public string? WardCode { get; set; }
    public string? WardName { get; set; }

    public List<NoticeReplyValue> Values { get; set; } = [];
}

/// <summary>The answer to one field in one version of a reply. Files stay where the version that uploaded them put them.</summary>
public sealed class NoticeReplyValue
{
    public long Id { get; set; }
    public long ReplyId { get; set; }
    public int FieldId { get; set; }
    /// <summary>Text and choices as given; numbers in invariant form; dates as yyyy-MM-dd; a file's name.</summary>
    public string? Text { get; set; }
    public decimal? Number { get; set; }
    public DateOnly? Date { get; set; }
    public string? StoredName { get; set; }
    public string? ContentType { get; set; }
    public long? Size { get; set; }
    public string? Sha256 { get; set; }
}
