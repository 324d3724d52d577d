using ChildProtection.Notices.Authoring;

namespace ChildProtection.Notices.Replies;

/// <summary>
/// What a file sent with a reply really is, judged by its bytes: the notice attachments' documents (PDF,
/// DOCX, XLSX) and, because schools often photograph a signed paper, JPEG and PNG photos. Anything else
/// (a program, a renamed archive) is refused.
/// </summary>
public static class ReplyFileInspector
{
    public static readonly AttachmentInspector.Kind Jpeg = new("image/jpeg", ".jpg");
    public static readonly AttachmentInspector.Kind Png = new("image/png", ".png");

    /// <summary>At most this much per file (a phone photo of a few pages fits).</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;
    /// <summary>The whole reply request, all files together.</summary>
    public const long MaxRequestBytes = 40L * 1024 * 1024;

    public static AttachmentInspector.Kind? Identify(Stream content)
    {
        if (AttachmentInspector.Identify(content) is { } document) return document;
        content.Position = 0;
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        content.Position = 0;
        if (read >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (read == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        return null;
    }
}
