using System.Net;
using System.Net.Http.Headers;

namespace ChildProtection.Library.Tests;

/// <summary>The public library and a resource's page, as an anonymous visitor sees them.</summary>
public sealed class PublicLibraryTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    private IServiceProvider Services => site.Factory.Services;

    [Fact]
    public async Task A_published_resource_is_listed_with_its_cover_and_found_by_topic_kind_audience_campaign_and_folded_title()
    {
        var poster = await LibrarySeed.StoreAsync(Services, TestFiles.Png(seed: 1), "Áp phích đuối nước.png");
        var pdf = await LibrarySeed.StoreAsync(Services, TestFiles.Pdf(3), "Sổ tay đuối nước A4.pdf");
        var campaign = await LibrarySeed.CampaignAsync(Services, "Mùa hè an toàn 2025");
        var resource = await LibrarySeed.ResourceAsync(Services, "Phòng chống đuối nước mùa hè", "leaflet",
            [("Bản in A4 (PDF)", pdf.Id), ("Ảnh cho web", poster.Id)], topics: ["duoi-nuoc"], audiences: ["parents", "children"], campaigns: [campaign.ContentItemId],
            summary: "Tờ rơi cho cha mẹ về an toàn khi bơi.");
        using var visitor = site.Anonymous();

        var list = await visitor.GetStringAsync("/thu-vien");
        Assert.Contains("Phòng chống đuối nước mùa hè", list);
        Assert.Contains("lang=\"vi\"", list);
        Assert.Contains("srcset=", list);

        foreach (var query in new[] { "chu-de=duoi-nuoc", "loai=leaflet", "doi-tuong=parents", $"chien-dich={campaign.ContentItemId}", "q=DUOI+NUOC+mua", "q=đuối+nước" })
            Assert.Contains("Phòng chống đuối nước mùa hè", await visitor.GetStringAsync("/thu-vien?" + query));
        foreach (var query in new[] { "chu-de=bao-luc-hoc-duong", "loai=handbook", "doi-tuong=officials", "q=khong+co+tai+lieu+nay" })
        {
            var html = await visitor.GetStringAsync("/thu-vien?" + query);
            Assert.DoesNotContain("Phòng chống đuối nước mùa hè", html);
        }
        Assert.Contains("Không có tài liệu nào phù hợp", await visitor.GetStringAsync("/thu-vien?q=khong+co+tai+lieu+nay"));
        Assert.Contains($"/bo-tai-lieu/{campaign.ContentItemId}.zip", await visitor.GetStringAsync($"/thu-vien?chien-dich={campaign.ContentItemId}"));

        var detail = await visitor.GetStringAsync("/" + resource.Path);
        Assert.Contains("Tải Bản in A4 (PDF)", detail);
        Assert.Contains("PDF · ", detail);
        Assert.Contains("3 trang", detail);
        Assert.Contains("Tự do in và chia sẻ", detail);
        Assert.Contains($"/qr/{resource.Path}.png", detail);
        Assert.Contains($"/qr/{resource.Path}.svg", detail);
        Assert.Contains("Mùa hè an toàn 2025", detail);
    }

    [Theory]
    [InlineData("/thu-vien?trang=abc")]
    [InlineData("/thu-vien?trang=-5")]
    [InlineData("/thu-vien?trang=99999999999999")]
    [InlineData("/thu-vien?trang=500")]
    [InlineData("/thu-vien?chu-de=%00%27%22<script>&loai=x&doi-tuong=&chien-dich=../../etc")]
    [InlineData("/thu-vien?q=%27%20OR%201%3D1--&loai=poster&loai=leaflet")]
    public async Task Garbage_in_the_query_string_still_gives_the_library(string url)
    {
        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Thư viện tài liệu", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task A_long_query_is_cut_and_paging_walks_every_resource_once()
    {
        for (var i = 0; i < 14; i++)
            await LibrarySeed.ResourceAsync(Services, $"Bài trình chiếu tập huấn số {i:D2}", "slides", audiences: ["teachers"]);
        using var visitor = site.Anonymous();
        var titles = new List<string>();
        for (var page = 1; page <= 2; page++)
        {
            var html = await visitor.GetStringAsync($"/thu-vien?q=tap+huan+so&trang={page}");
            titles.AddRange(System.Text.RegularExpressions.Regex.Matches(html, "Bài trình chiếu tập huấn số \\d\\d").Select(m => m.Value).Distinct());
            if (page == 1) Assert.Contains("trang=2", html);
        }
        Assert.Equal(14, titles.Distinct().Count());
        Assert.Equal(14, titles.Count);
        // Past the last page: the last page, not an error.
        Assert.Contains("trang 2/2", await visitor.GetStringAsync("/thu-vien?q=tap+huan+so&trang=3"));
        var longQuery = await visitor.Http.GetAsync("/thu-vien?q=" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.OK, longQuery.StatusCode);
    }

    [Fact]
    public async Task Unknown_resources_and_non_resources_under_the_library_are_404()
    {
        using var visitor = site.Anonymous();
        foreach (var url in new[] { "/thu-vien/khong-co", "/thu-vien/khong-co/tai-ve/a4", "/thu-vien/khong-co/anh-bia/nho", "/qr/khong-co.png", "/qr/gioi-thieu.gif", "/bo-tai-lieu/khong-co.zip", "/bo-tai-lieu/..%2F..%2Fetc.zip" })
        {
            var response = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task The_setup_recipes_sample_poster_is_in_the_library_and_the_menu_links_to_it()
    {
        using var visitor = site.Anonymous();
        var html = await visitor.GetStringAsync("/thu-vien");
        Assert.Contains("Áp phích Tổng đài quốc gia bảo vệ trẻ em 111", html);
        Assert.Contains("href=\"/thu-vien\"", html);
        var detail = await visitor.Http.GetAsync("/thu-vien/ap-phich-tong-dai-quoc-gia-bao-ve-tre-em-111");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
    }
}
