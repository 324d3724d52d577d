using System.Net;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The Hangfire dashboard under /admin/jobs: its own content security policy, and no 500 on a GET of its counters.</summary>
public sealed class JobsDashboardTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private static string Csp(HttpResponseMessage response) => response.Headers.GetValues("Content-Security-Policy").Single();

    [Fact]
    public async Task A_get_of_the_dashboard_counters_is_answered_405_not_500()
    {
        var response = await site.Admin.Http.GetAsync("/admin/jobs/stats");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        var notForm = await site.Admin.Http.PostAsync("/admin/jobs/stats", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notForm.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_gets_its_own_policy_which_allows_its_inline_style()
    {
        var dashboard = await site.Admin.Http.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("style-src 'self' 'unsafe-inline'", Csp(dashboard));
        Assert.Contains("frame-ancestors 'none'", Csp(dashboard));

        var page = await site.Admin.Http.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("style-src 'self' 'unsafe-inline'", Csp(page));
    }

    [Fact]
    public async Task Other_pages_keep_the_strict_policy()
    {
        foreach (var url in new[] { "/", "/admin", "/admin/jobsx" })
        {
            var response = await site.Admin.Http.GetAsync(url);
            Assert.DoesNotContain("unsafe-inline", Csp(response));
            Assert.Contains("style-src 'self';", Csp(response));
        }
    }
}
