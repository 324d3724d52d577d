using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Media;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>The campaign page, the campaign list and the home page, as a visitor reads them.</summary>
public sealed class PublicPagesTests(CampaignsSite site) : IClassFixture<CampaignsSite>
{
    /// <summary>The setup recipe's PNG poster (Tổng đài 111), a real file of the media library.</summary>
    private const string PosterMediaId = "ca26bk455s0krz86fknjbpn6v4";

    private static string Main(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    /// <summary>The recipe's Action Month poster: a restricted resource's files become restricted in the media library.</summary>
    private const string OtherPosterMediaId = "yxf3f4hcw93vx57cm4jc4gmmgg";

    private Task<ContentItem> ResourceAsync(string title, string campaignId, bool restricted = false, string[]? topics = null) =>
        site.WithAsync(async s =>
        {
            var contents = s.GetRequiredService<IContentManager>();
            var item = await contents.NewAsync("Resource");
            item.GetOrCreatePart("TitlePart")["Title"] = title;
            item.GetOrCreatePart("Topics")["TermIds"] = CampaignsSite.Strings(topics ?? []);
            var part = item.GetOrCreatePart("ResourcePart");
            part["Kind"] = "poster";
            part["CampaignIds"] = CampaignsSite.Strings(campaignId);
            part["Restricted"] = restricted;
            part["Files"] = new JsonArray(new JsonObject { ["Label"] = "Bản in", ["mediaId"] = restricted ? OtherPosterMediaId : PosterMediaId });
            var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = SiteFactory.AdminUser });
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
            return result.Item!;
        });

    [Fact]
    public async Task A_running_campaign_page_shows_everything_with_pack_qr_and_related_items()
    {
        var today = CampaignsSite.Today;
        var picked = await site.ArticleAsync("Bài được chọn cho chiến dịch an toàn mạng");
        await site.ArticleAsync("Bài cùng chủ đề an toàn mạng", "an-toan-mang");
        await site.ArticleAsync("Bài về giao thông", "an-toan-giao-thong");
        var campaign = await site.CampaignAsync("An toàn trên không gian mạng", today.AddDays(-3), today.AddDays(40), p =>
        {
            p["Theme"] = "Lướt mạng an toàn";
            p["Goals"] = CampaignsSite.Strings("Mọi học sinh THCS biết cách chặn và báo cáo kẻ bắt nạt trên mạng");
            p["Audiences"] = CampaignsSite.Strings("children", "parents");
            p["WardCodes"] = CampaignsSite.Strings("P-PL", "X-BACHDANG");
            p["KeyMessages"] = CampaignsSite.Strings("Không chia sẻ thông tin cá nhân với người lạ");
            p["Partners"] = CampaignsSite.Strings("Đoàn Thanh niên phường Phú Lợi");
            p["ArticleIds"] = CampaignsSite.Strings(picked.ContentItemId);
        }, item =>
        {
            item.GetOrCreatePart("Topics")["TermIds"] = CampaignsSite.Strings("an-toan-mang");
            item.GetOrCreatePart("SummaryPart")["Summary"] = "Chiến dịch giúp trẻ em an toàn khi dùng mạng.";
            item.GetOrCreatePart("MediaPart")["mediaId"] = PosterMediaId;
        });
        await ResourceAsync("Áp phích an toàn mạng", campaign.ContentItemId);
        await ResourceAsync("Sổ tay hạn chế an toàn mạng", campaign.ContentItemId, restricted: true);

        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync("/" + campaign.Path);
        var html = Main(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("chien-dich/", campaign.Path);
        Assert.Contains("status-running\">Đang diễn ra", html);
        Assert.Contains("<h1>An toàn trên không gian mạng</h1>", html);
        Assert.Contains("“Lướt mạng an toàn”", html);
        Assert.Contains($">{today.AddDays(-3):dd/MM/yyyy}</time> – <time datetime=\"{today.AddDays(40):yyyy-MM-dd}\">", html);
        Assert.Contains("<dd>Trẻ em, Cha mẹ, người chăm sóc trẻ</dd>", html);
        Assert.Contains("<dd>Phường Phú Lợi, Xã Bạch Đằng</dd>", html);
        Assert.Contains("Đoàn Thanh niên phường Phú Lợi", html);
        Assert.Contains("Mọi học sinh THCS biết cách chặn", html);
        Assert.Contains("Không chia sẻ thông tin cá nhân với người lạ", html);
        Assert.Contains("alt=\"Áp phích Tổng đài quốc gia bảo vệ trẻ em 111", html);
        // Picked first, then by shared topic; an article of another topic is not there.
        Assert.True(html.IndexOf("Bài được chọn cho chiến dịch an toàn mạng", StringComparison.Ordinal) < html.IndexOf("Bài cùng chủ đề an toàn mạng", StringComparison.Ordinal));
        Assert.DoesNotContain("Bài về giao thông", html);
        // The library's resources of the campaign, never a restricted one; the pack and the QR code.
        Assert.Contains("Áp phích an toàn mạng", html);
        Assert.DoesNotContain("Sổ tay hạn chế", html);
        Assert.Contains($"href=\"/bo-tai-lieu/{campaign.ContentItemId}.zip\"", html);
        Assert.Contains($"href=\"/thu-vien?chien-dich={campaign.ContentItemId}\"", html);
        Assert.Contains($"src=\"/qr/{campaign.Path}.svg\"", html);
        // No events module, no events section; reach not public for this campaign.
        Assert.DoesNotContain("su-kien-chien-dich", html);
        Assert.DoesNotContain("Kết quả truyền thông", html);
        Assert.DoesNotContain("style=", html);
        ChildProtection.Testing.PageScripts.AssertOnlyOwn(html);

        var pack = await visitor.Http.GetAsync($"/bo-tai-lieu/{campaign.ContentItemId}.zip");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/zip", pack.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync($"/qr/{campaign.Path}.png")).StatusCode);
    }

    [Fact]
    public async Task A_campaign_whose_only_resource_file_is_restricted_in_the_media_library_shows_no_pack_link()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch tệp bị hạn chế", today.AddDays(-1), today.AddDays(30));
        // A file of its own (a copy of the recipe's poster), so no other test sees it restricted.
        var mediaId = await site.WithAsync(async s =>
        {
            var media = s.GetRequiredService<IMediaLibrary>();
            var poster = await media.OpenAsync(PosterMediaId) ?? throw new InvalidOperationException("The recipe's poster is missing.");
            using var bytes = new MemoryStream();
            await using (var read = poster.OpenRead()) await read.CopyToAsync(bytes);
            var stored = await media.StoreAsync(new MediaUpload { Content = new MemoryStream(bytes.ToArray()), OriginalName = "ap-phich-han-che.png", Folder = "thu-vien", AltText = "Áp phích" });
            Assert.True(stored.Succeeded, string.Join(" ", stored.Errors));
            return stored.File!.Id;
        });
        var resource = await site.WithAsync(async s =>
        {
            var contents = s.GetRequiredService<IContentManager>();
            var item = await contents.NewAsync("Resource");
            item.GetOrCreatePart("TitlePart")["Title"] = "Áp phích công khai, tệp hạn chế";
            var part = item.GetOrCreatePart("ResourcePart");
            part["Kind"] = "poster";
            part["CampaignIds"] = CampaignsSite.Strings(campaign.ContentItemId);
            part["Files"] = new JsonArray(new JsonObject { ["Label"] = "Bản in", ["mediaId"] = mediaId });
            var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = SiteFactory.AdminUser });
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
            // The resource stays public; its only file is then restricted in the media library (an editor's choice there).
            await s.GetRequiredService<IMediaLibrary>().SetRestrictedAsync(mediaId, true);
            return result.Item!;
        });

        using var visitor = site.Anonymous();
        var html = Main(await visitor.GetStringAsync("/" + campaign.Path));

        // The resource is listed, but the pack has no file: it answers 404, so the page does not link to it.
        Assert.Contains("Áp phích công khai, tệp hạn chế", html);
        Assert.DoesNotContain("/bo-tai-lieu/", html);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/bo-tai-lieu/{campaign.ContentItemId}.zip")).StatusCode);
        Assert.NotNull(resource.Path);
    }

    [Fact]
    public async Task The_list_shows_running_campaigns_first_then_upcoming_then_ended_with_a_status_filter()
    {
        var today = CampaignsSite.Today;
        await site.CampaignAsync("DS Đã xong năm trước", today.AddDays(-400), today.AddDays(-370));
        await site.CampaignAsync("DS Sắp tới", today.AddDays(20), today.AddDays(50));
        await site.CampaignAsync("DS Đang chạy", today.AddDays(-1), today.AddDays(1));
        await site.CampaignAsync("DS Bản nháp", today.AddDays(-1), today.AddDays(1), publish: false);

        using var visitor = site.Anonymous();
        var html = Main(await visitor.GetStringAsync("/chien-dich"));

        var running = html.IndexOf("DS Đang chạy", StringComparison.Ordinal);
        var upcoming = html.IndexOf("DS Sắp tới", StringComparison.Ordinal);
        var ended = html.IndexOf("DS Đã xong năm trước", StringComparison.Ordinal);
        Assert.True(running > 0 && running < upcoming && upcoming < ended, html);
        Assert.True(html.IndexOf("nhom-running", StringComparison.Ordinal) < html.IndexOf("nhom-upcoming", StringComparison.Ordinal));
        Assert.DoesNotContain("DS Bản nháp", html);
        Assert.Contains("status-upcoming\">Sắp diễn ra", html);

        var filtered = Main(await visitor.GetStringAsync("/chien-dich?trang-thai=sap-dien-ra"));
        Assert.Contains("DS Sắp tới", filtered);
        Assert.DoesNotContain("DS Đang chạy", filtered);
        Assert.Contains("aria-current=\"page\">Sắp diễn ra", filtered);
        // An unknown filter is ignored; a page past the end is the theme's 404.
        Assert.Contains("DS Đang chạy", await visitor.GetStringAsync("/chien-dich?trang-thai=khong-biet"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/chien-dich?trang=99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync("/chien-dich?trang=abc")).StatusCode);
    }

    [Fact]
    public async Task The_home_page_shows_running_campaigns_the_latest_news_and_the_hotline_and_no_events_without_an_events_module()
    {
        var today = CampaignsSite.Today;
        await site.CampaignAsync("TC Chiến dịch trên trang chủ", today, today.AddDays(10));
        await site.CampaignAsync("TC Chiến dịch đã xong", today.AddDays(-30), today.AddDays(-1));
        await site.ArticleAsync("TC Tin mới nhất cho trang chủ");

        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync("/");
        var html = Main(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Vì một thành phố an toàn cho trẻ em</h1>", html);
        Assert.Contains("Chiến dịch đang diễn ra", html);
        Assert.Contains("TC Chiến dịch trên trang chủ", html);
        Assert.DoesNotContain("TC Chiến dịch đã xong", html);
        Assert.Contains("TC Tin mới nhất cho trang chủ", html);
        Assert.Contains("class=\"home-hotline-number\" href=\"tel:111\">111</a>", html);
        Assert.DoesNotContain("Sự kiện sắp diễn ra", html);
        Assert.Contains("href=\"/chien-dich\"", html);
        Assert.DoesNotContain("style=", html);
        ChildProtection.Testing.PageScripts.AssertOnlyOwn(html);
    }

    [Fact]
    public async Task A_fresh_site_shows_the_sample_campaigns_and_their_reach()
    {
        using var visitor = site.Anonymous();
        var running = Main(await visitor.GetStringAsync("/chien-dich/phong-chong-duoi-nuoc-tre-em-2025-2030"));
        Assert.Contains("Đang diễn ra", running);
        Assert.Contains("Kết quả truyền thông", running);
        Assert.Contains("<strong>885</strong> lượt người tham gia", running);
        Assert.Contains("<dt>Phường Phú Lợi</dt>", running);
        Assert.Contains("Mùa hè an toàn: phòng, chống đuối nước cho trẻ em", running);

        var ended = Main(await visitor.GetStringAsync("/chien-dich/thang-hanh-dong-vi-tre-em-2024"));
        Assert.Contains("status-ended\">Đã kết thúc", ended);
        Assert.Contains("<dt>Phường Phú Cường</dt>", ended);
        Assert.Contains("8.000</strong> lượt tiếp cận gián tiếp", ended);

        var menu = await visitor.GetStringAsync("/");
        Assert.Contains("<a href=\"/chien-dich\">Chiến dịch</a>", menu);
    }
}
