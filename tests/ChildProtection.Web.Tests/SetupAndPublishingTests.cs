using System.Net;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The walking skeleton, end to end: setup → sign in → create → publish → the public page.</summary>
public sealed class SetupAndPublishingTests
{
    [Fact]
    public async Task A_new_site_leads_to_setup_and_then_publishes_a_page_with_its_diacritics_intact()
    {
        using var factory = new SiteFactory();
        using var anonymous = factory.CreateSiteClient();

        var first = await anonymous.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/setup", first.Headers.Location!.OriginalString);
        var setupPage = await anonymous.GetStringAsync("/setup");
        Assert.Contains("lang=\"vi\"", setupPage);
        Assert.Contains("Thiết lập trang", setupPage);

        using var admin = await factory.SetUpAsync();

        // Setup is done once: the screen now leads home.
        var again = await anonymous.Http.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var created = await admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Phòng chống đuối nước",
            ["RoutePart.Path"] = "",
            ["BodyPart.Html"] = "<p>Trẻ em cần được dạy bơi & kỹ năng an toàn \"trước mùa hè\".</p><script>alert('x')</script>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches("^/admin/content/[0-9a-z]+/edit$", created.Headers.Location!.OriginalString);

        var page = await anonymous.Http.GetAsync("/phong-chong-duoi-nuoc");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Phòng chống đuối nước", html);
        Assert.Contains("Trẻ em cần được dạy bơi &amp; kỹ năng an toàn", html);
        Assert.DoesNotContain("alert('x')", html);
        Assert.Contains("111", html);
    }

    [Fact]
    public async Task A_draft_is_not_public_until_published_and_an_old_slug_redirects()
    {
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        using var anonymous = factory.CreateSiteClient();

        var saved = await admin.PostFormAsync("/admin/content/new/Page?handler=Save", new()
        {
            ["TitlePart.Title"] = "Lịch tập huấn kỹ năng",
            ["RoutePart.Path"] = "lich-tap-huan",
            ["BodyPart.Html"] = "<p>Nháp</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editUrl = saved.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/lich-tap-huan")).StatusCode);

        var published = await admin.PostFormAsync(editUrl + "?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Lịch tập huấn kỹ năng",
            ["RoutePart.Path"] = "lich-tap-huan",
            ["BodyPart.Html"] = "<p>Đã xuất bản</p>",
        }, formPage: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Đã xuất bản", await anonymous.GetStringAsync("/lich-tap-huan"));

        var moved = await admin.PostFormAsync(editUrl + "?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Lịch tập huấn kỹ năng 2024",
            ["RoutePart.Path"] = "lich-tap-huan-2024",
            ["BodyPart.Html"] = "<p>Đã xuất bản</p>",
        }, formPage: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var old = await anonymous.Http.GetAsync("/lich-tap-huan");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/lich-tap-huan-2024", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Invalid_input_shows_messages_in_vietnamese_and_saves_nothing()
    {
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        var before = await admin.GetStringAsync("/admin/content?type=Page");

        var response = await admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "    ",
            ["RoutePart.Path"] = "gioi-thieu",
            ["BodyPart.Html"] = "<p>x</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Cần nhập tiêu đề.", html);
        Assert.Contains("Chưa lưu được", html);
        Assert.Equal(CountRows(before), CountRows(await admin.GetStringAsync("/admin/content?type=Page")));
    }

    private static int CountRows(string html) => html.Split("/edit\"").Length - 1;
}
