using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>The Campaign part's checks, through the content manager as every editor and the API go.</summary>
public sealed class CampaignPartTests(CampaignsSite site) : IClassFixture<CampaignsSite>
{
    private static string Messages(ContentResult result) => string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}"));

    [Fact]
    public async Task A_campaign_keeps_its_theme_period_goals_audiences_wards_messages_partners_and_picks()
    {
        var article = await site.ArticleAsync("Bài của chiến dịch", "duoi-nuoc");
        var campaign = await site.CampaignAsync("Chiến dịch đầy đủ", new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), p =>
        {
            p["Theme"] = "  Trẻ em hôm nay, thế giới ngày mai  ";
            p["Goals"] = CampaignsSite.Strings("Mục tiêu một", "Mục tiêu một", " ");
            p["Audiences"] = CampaignsSite.Strings("teachers", "children");
            p["WardCodes"] = CampaignsSite.Strings("p-pl", "P-TDM");
            p["KeyMessages"] = CampaignsSite.Strings("Gọi 111");
            p["Partners"] = CampaignsSite.Strings("Hội Liên hiệp Phụ nữ");
            p["ArticleIds"] = CampaignsSite.Strings(article.ContentItemId);
            p["ShowReachPublicly"] = true;
        });

        var data = CampaignData.From(campaign);
        Assert.Equal("Trẻ em hôm nay, thế giới ngày mai", data.Theme);
        Assert.Equal(new DateOnly(2025, 6, 1), data.Start);
        Assert.Equal(["Mục tiêu một"], data.Goals);
        Assert.Equal(["children", "teachers"], data.Audiences);
        Assert.Equal(["P-PL", "P-TDM"], data.WardCodes);
        Assert.Equal([article.ContentItemId], data.ArticleIds);
        Assert.True(data.ShowReachPublicly);
    }

    [Fact]
    public async Task Bad_values_are_refused_with_vietnamese_messages_and_nothing_is_saved()
    {
        var before = await site.WithAsync(s => s.GetRequiredService<IContentManager>().ListLatestOfTypeAsync("Campaign"));
        var article = await site.ArticleAsync("Một bài viết", "an-toan-mang");

        var result = await site.SaveCampaignAsync("Chiến dịch lỗi", new DateOnly(2025, 6, 30), new DateOnly(2025, 6, 1), p =>
        {
            p["WardCodes"] = CampaignsSite.Strings("KHONG-CO", "TH-PHULOI");
            p["Audiences"] = CampaignsSite.Strings("aliens");
            p["ResourceIds"] = CampaignsSite.Strings(article.ContentItemId);
        });

        Assert.False(result.Succeeded);
        var text = Messages(result);
        Assert.Contains("CampaignPart.EndDate: Ngày kết thúc (01/06/2025) phải sau hoặc trùng ngày bắt đầu (30/06/2025).", text);
        Assert.Contains("Danh bạ không có phường, xã mang mã \"KHONG-CO\".", text);
        Assert.Contains("Trường Tiểu học Phú Lợi (TH-PHULOI) không phải là phường hoặc xã.", text);
        Assert.Contains("Không có đối tượng \"aliens\".", text);
        Assert.Contains($"Không có tài liệu \"{article.ContentItemId}\".", text);
        var after = await site.WithAsync(s => s.GetRequiredService<IContentManager>().ListLatestOfTypeAsync("Campaign"));
        Assert.Equal(before.Count, after.Count);
    }

    [Fact]
    public async Task Dates_are_required_and_must_be_days()
    {
        var result = await site.WithAsync(async s =>
        {
            var contents = s.GetRequiredService<IContentManager>();
            var campaign = await contents.NewAsync("Campaign");
            campaign.GetOrCreatePart("TitlePart")["Title"] = "Chưa có ngày";
            campaign.GetOrCreatePart("CampaignPart")["EndDate"] = "31/02/2025";
            return await contents.SaveAsync(campaign, new SaveOptions { User = "quantri" });
        });
        var text = Messages(result);
        Assert.Contains("Hãy nhập ngày bắt đầu.", text);
        Assert.Contains("Ngày kết thúc \"31/02/2025\" không phải là ngày (dd/mm/yyyy).", text);
    }
}
