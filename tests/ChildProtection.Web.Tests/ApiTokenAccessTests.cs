using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// An API token opens <c>/api/*</c> and nothing else, does only what its scope allows, and stops at its
/// expiry. The attacks of issue 13: a token (and no cookie) used to open admin pages, post their forms
/// and export the audit trail.
/// </summary>
public sealed partial class ApiTokenAccessTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    [GeneratedRegex("id=\"new-token\">([^<]+)<")]
    private static partial Regex NewToken();

    private async Task<string> CreateTokenAsync(string name, string? scope = null, string? days = null)
    {
        var fields = new Dictionary<string, string> { ["Name"] = name };
        if (scope is not null) fields["Scope"] = scope;
        if (days is not null) fields["ExpiryDays"] = days;
        var response = await site.Admin.PostFormAsync("/admin/api-tokens?handler=Create", fields, formPage: "/admin/api-tokens");
        var token = NewToken().Match(await response.Content.ReadAsStringAsync());
        Assert.True(token.Success, "the new token is shown once after creating it");
        return WebUtility.HtmlDecode(token.Groups[1].Value).Trim();
    }

    /// <summary>A program holding only the token: it keeps the cookies the site hands out (antiforgery), but never signed in.</summary>
    private SiteClient Attacker(string token)
    {
        var client = site.Factory.CreateSiteClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task A_token_opens_no_admin_page()
    {
        using var attacker = Attacker(await CreateTokenAsync("Quét trang quản trị", "WriteContent"));
        AssertSentToLogin(await attacker.Http.GetAsync("/admin/roles"));
        AssertSentToLogin(await attacker.Http.GetAsync("/admin"));
        AssertSentToLogin(await attacker.Http.GetAsync("/admin/api-tokens"));
    }

    [Fact]
    public async Task A_token_cannot_post_an_admin_form()
    {
        using var attacker = Attacker(await CreateTokenAsync("Tạo vai trò", "WriteContent"));
        // The attack: the page used to hand the token's holder a form token. Now it hands out none, and a
        // token taken from the administrator's own page does no better.
        var page = await attacker.Http.GetAsync("/admin/roles");
        var formToken = SiteClient.TokenIn(await page.Content.ReadAsStringAsync())
            ?? SiteClient.TokenIn(await site.Admin.GetStringAsync("/admin/roles"))!;
        var posted = await attacker.Http.PostAsync("/admin/roles", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "KeTanCong", ["Description"] = "tạo bằng mã API", ["__RequestVerificationToken"] = formToken,
        }));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.False(posted.StatusCode == HttpStatusCode.Redirect && posted.Headers.Location?.OriginalString.StartsWith("/admin/roles", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("KeTanCong", await site.Admin.GetStringAsync("/admin/roles"));
    }

    [Fact]
    public async Task A_token_cannot_export_the_audit_trail()
    {
        using var attacker = Attacker(await CreateTokenAsync("Xuất nhật ký", "WriteContent"));
        var export = await attacker.Http.GetAsync("/admin/audit?handler=Export");
        AssertSentToLogin(export);
        Assert.NotEqual("text/csv", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_read_token_reads_but_cannot_write()
    {
        var token = await CreateTokenAsync("Đọc tin cho cổng trường", "ReadContent");
        using var api = site.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/content?type=Article")).StatusCode);
        var body = new JsonObject
        {
            ["ContentType"] = "Page",
            ["TitlePart"] = new JsonObject { ["Title"] = "Không được tạo bằng mã chỉ đọc" },
        };
        var created = await api.PostAsync("/api/content", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        var problem = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("insufficient_scope", problem["error"]!.GetValue<string>());
        Assert.Contains("chỉ được đọc", problem["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync("/api/content/article2869")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/content/article2869")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_a_problem_that_says_so()
    {
        var name = "Hết hạn " + Guid.NewGuid().ToString("N")[..6];
        var token = await CreateTokenAsync(name, "WriteContent", "30");
        using (var scope = site.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
            var changed = await db.ApiTokens.Where(t => t.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresUtc, DateTime.UtcNow.AddMinutes(-1)));
            Assert.Equal(1, changed);
        }
        using var api = site.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await api.GetAsync("/api/content?type=Article");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("token_expired", problem["error"]!.GetValue<string>());
        Assert.Contains("hết hạn", problem["title"]!.GetValue<string>());
        Assert.Equal(401, problem["status"]!.GetValue<int>());
    }
}
