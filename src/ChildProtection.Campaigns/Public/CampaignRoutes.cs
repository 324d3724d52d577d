namespace ChildProtection.Campaigns.Public;

/// <summary>The campaigns' public addresses, and the Library's ones a campaign's page links to.</summary>
public static class CampaignRoutes
{
    /// <summary>The list of campaigns; a campaign's own page is its RoutePart path (prefix chien-dich in the setup recipe).</summary>
    public const string List = "/chien-dich";
    public const string PageParameter = "trang";
    public const string StatusParameter = "trang-thai";

    public static readonly IReadOnlyList<(string Value, Parts.CampaignStatus Status, string Text)> StatusFilters =
    [
        ("dang-dien-ra", Parts.CampaignStatus.Running, "Đang diễn ra"),
        ("sap-dien-ra", Parts.CampaignStatus.Upcoming, "Sắp diễn ra"),
        ("da-ket-thuc", Parts.CampaignStatus.Ended, "Đã kết thúc"),
    ];

    // The Library's public addresses (README: QR codes, the library filtered by campaign); the campaign pack's
    // address comes with its contract, ICampaignPacks.
    public static string QrSvg(string path) => $"/qr/{path}.svg";
    public static string QrPng(string path) => $"/qr/{path}.png";
    public static string Library(string campaignId) => $"/thu-vien?chien-dich={Uri.EscapeDataString(campaignId)}";
}
