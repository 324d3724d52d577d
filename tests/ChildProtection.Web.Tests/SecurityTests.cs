using System.Net;
using Xunit;

namespace ChildProtection.Web.Tests;

public sealed class SecurityTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/content")]
    [InlineData("/admin/content/new/Article")]
    [InlineData("/admin/types")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/recipes")]
    [InlineData("/admin/users")]
    [InlineData("/admin/roles")]
    [InlineData("/admin/api-tokens")]
    public async Task Anonymous_visitors_reach_no_admin_page(string url)
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery.Length > 0 ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_see_the_jobs_dashboard()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync("/admin/jobs");
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/content")]
    [InlineData("/admin/content/new/Article")]
    [InlineData("/admin/types")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/recipes")]
    [InlineData("/admin/users")]
    [InlineData("/admin/themes")]
    public async Task Admin_pages_render_inside_the_admin_layout(string url)
    {
        var response = await site.Admin.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/_content/ChildProtection.Admin/css/admin.css", html);
        Assert.Contains("Đăng xuất", html);
    }

    [Fact]
    public async Task The_dashboard_counts_items_per_type()
    {
        var html = await site.Admin.GetStringAsync("/admin");
        // The setup recipe publishes two articles and two pages.
        Assert.Contains("2 đã xuất bản, 0 bản nháp", html);
        Assert.Contains(">Bài viết<", html);
    }

    [Fact]
    public async Task Administrators_see_the_jobs_dashboard()
    {
        var response = await site.Admin.Http.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task English_is_available_on_request()
    {
        var vietnamese = await site.Admin.GetStringAsync("/admin/settings");
        Assert.Contains("Thiết lập trang", vietnamese);
        var english = await site.Admin.GetStringAsync("/admin/settings?culture=en-US");
        Assert.Contains("Site settings", english);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_write_through_the_api()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var post = await anonymous.Http.PostAsync("/api/content", new StringContent("{\"ContentType\":\"Page\",\"TitlePart\":{\"Title\":\"x\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        var delete = await anonymous.Http.DeleteAsync("/api/content/pagehome");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        // And the page is still there.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/api/content/pagehome")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_cookie_is_not_enough_to_write_through_the_api()
    {
        var post = await site.Admin.Http.PostAsync("/api/content", new StringContent("{\"ContentType\":\"Page\",\"TitlePart\":{\"Title\":\"csrf\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/setup")]
    [InlineData("/admin/content/new/Page?handler=Publish")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/types")]
    [InlineData("/admin/recipes?handler=Apply")]
    [InlineData("/logout")]
    public async Task Every_post_needs_the_antiforgery_token(string url)
    {
        var response = await site.Admin.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["TitlePart.Title"] = "Không có token",
            ["SiteName"] = "x",
            ["UserName"] = SiteFactory.AdminUser,
            ["Password"] = SiteFactory.AdminPassword,
            ["name"] = "childprotection",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = await site.Admin.GetStringAsync("/admin/content?type=Page");
        Assert.DoesNotContain("Không có token", list);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_from_that_address()
    {
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        using var stranger = factory.CreateSiteClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await stranger.PostFormAsync("/login", new() { ["UserName"] = SiteFactory.AdminUser, ["Password"] = "Sai-mat-khau-" + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await stranger.PostFormAsync("/login", new() { ["UserName"] = SiteFactory.AdminUser, ["Password"] = SiteFactory.AdminPassword });
        Assert.NotEqual(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("khóa", (await right.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Unknown_pages_get_a_friendly_404_and_no_stack_trace()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync("/khong-co-trang-nay");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", html);
        Assert.Contains("lang=\"vi\"", html);
    }
}
