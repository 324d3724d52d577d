namespace ChildProtection.Library;

/// <summary>
/// A campaign's material pack (<c>/bo-tai-lieu/{campaignId}.zip</c>) as other modules link to it. Implemented by
/// the Library module with the same collection the pack itself streams, so a link is shown exactly when its
/// target answers 200. A site without the Library has no implementation registered: callers resolve it with
/// GetService and show no pack link when it is absent.
/// </summary>
public interface ICampaignPacks
{
    /// <summary>
    /// Whether the pack of this campaign holds at least one file: a published, unrestricted resource naming the
    /// campaign, with a file the media library has, does not restrict and can open.
    /// </summary>
    Task<bool> HasPublicFileAsync(string campaignId, CancellationToken cancellationToken = default);

    /// <summary>The pack's public address, e.g. <c>/bo-tai-lieu/4x7k2m.zip</c>.</summary>
    string Url(string campaignId);
}
