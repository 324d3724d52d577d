namespace ChildProtection.Notices.Data;

/// <summary>
/// The first time a recipient downloaded one of the notice's files through its personal link: one row per
/// recipient and file (later downloads change nothing), so the report counts who opened each file the way
/// it counts acknowledgements. Downloading does not acknowledge.
/// </summary>
public sealed class NoticeFileDownload
{
    public long Id { get; set; }
    public int NoticeId { get; set; }
    public long RecipientId { get; set; }
    public int AttachmentId { get; set; }
    public DateTime FirstUtc { get; set; }
}
