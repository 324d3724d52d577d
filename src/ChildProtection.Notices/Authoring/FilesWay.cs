using ChildProtection.Notices.Delivery;

namespace ChildProtection.Notices.Authoring;

/// <summary>How a notice's files will travel (attached, or as personal download links), for the edit and details pages.</summary>
public sealed record FilesWay(bool AsLinks, long TotalBytes, int LimitMegabytes)
{
    public static FilesWay For(DeliverySettings settings, long totalBytes) =>
        new(totalBytes > 0 && settings.SendsFilesAsLinks(totalBytes), totalBytes, settings.AttachmentLinksAboveMegabytes);
}
