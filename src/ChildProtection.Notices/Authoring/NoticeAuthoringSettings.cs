using ChildProtection.Core.Settings;

namespace ChildProtection.Notices.Authoring;

/// <summary>The document "NoticeAuthoring": limits the authoring pages enforce.</summary>
public sealed class NoticeAuthoringSettings
{
    public const string DocumentName = "NoticeAuthoring";
    public const long DefaultMaxAttachmentBytes = 20L * 1024 * 1024;

    /// <summary>All attachments of one notice together; every recipient's mailbox must take them.</summary>
    public long MaxAttachmentBytesPerNotice { get; set; } = DefaultMaxAttachmentBytes;

    public static async Task<NoticeAuthoringSettings> GetAsync(IDocumentStore documents, CancellationToken cancellationToken = default) =>
        await documents.GetAsync<NoticeAuthoringSettings>(DocumentName, cancellationToken) ?? new NoticeAuthoringSettings();
}
