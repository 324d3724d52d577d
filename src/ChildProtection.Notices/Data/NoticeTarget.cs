namespace ChildProtection.Notices.Data;

public enum NoticeTargetKind { Group = 0, Organisation = 1 }

/// <summary>What the sender chose (a directory group or one organisation); the ledger says whom that reached.</summary>
public sealed class NoticeTarget
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public NoticeTargetKind Kind { get; set; }
    /// <summary>The directory's group or organisation id.</summary>
    public int TargetId { get; set; }
    /// <summary>The name when chosen, so the notice still reads right after the directory changes.</summary>
    public string Label { get; set; } = "";
}
