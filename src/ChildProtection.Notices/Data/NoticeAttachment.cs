namespace ChildProtection.Notices.Data;

/// <summary>
/// A file sent with the notice. The bytes live under <c>App:DataPath/notices/{NoticeId}/{StoredName}</c>;
/// the stored name is ours, the original name is data only.
/// </summary>
public sealed class NoticeAttachment
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string StoredName { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public DateTime UploadedUtc { get; set; }
}
