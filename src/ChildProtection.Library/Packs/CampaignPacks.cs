using ChildProtection.Library.Public;

namespace ChildProtection.Library.Packs;

/// <summary>
/// <see cref="ICampaignPacks"/> for other modules: the campaign page's pack link follows the library's own rule,
/// the collection <see cref="CampaignPack"/> streams (resource and media restrictions, files that can be opened).
/// </summary>
internal sealed class CampaignPacks(IServiceProvider services) : ICampaignPacks
{
    public Task<bool> HasPublicFileAsync(string campaignId, CancellationToken cancellationToken = default) =>
        CampaignPack.HasFilesAsync(services, campaignId, cancellationToken);

    public string Url(string campaignId) => LibraryRoutes.Pack(campaignId);
}
