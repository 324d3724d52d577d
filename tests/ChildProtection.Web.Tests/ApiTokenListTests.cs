using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The admin token page: scope and lifetime chosen at creation, both shown in the list.</summary>
public sealed partial class ApiTokenListTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    [GeneratedRegex("id=\"new-token\">([^<]+)<")]
    private static partial Regex NewToken();

    private async Task CreateTokenAsync(string name)
    {
        var response = await site.Admin.PostFormAsync("/admin/api-tokens?handler=Create", new() { ["Name"] = name }, formPage: "/admin/api-tokens");
        Assert.True(NewToken().IsMatch(await response.Content.ReadAsStringAsync()), "the new token is shown once after creating it");
    }

    [Fact]
    public async Task The_token_list_shows_scope_and_expiry_and_new_tokens_last_ninety_days_by_default()
    {
        var name = "Mặc định " + Guid.NewGuid().ToString("N")[..6];
        await CreateTokenAsync(name);
        using (var scope = site.Factory.Services.CreateScope())
        {
            var token = await scope.ServiceProvider.GetRequiredService<UsersDbContext>().ApiTokens.SingleAsync(t => t.Name == name);
            Assert.Equal(ApiTokenScope.ReadContent, token.Scope);
            Assert.InRange(token.ExpiresUtc - token.CreatedUtc, TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(90) + TimeSpan.FromMinutes(1));
        }
        var html = await site.Admin.GetStringAsync("/admin/api-tokens");
        Assert.Contains("Phạm vi", html);
        Assert.Contains("Chỉ đọc", html);
        Assert.Contains("Thời hạn", html);
        Assert.Contains("<option value=\"365\">365 ngày</option>", html);

        var refused = await site.Admin.PostFormAsync("/admin/api-tokens?handler=Create", new() { ["Name"] = "Sai thời hạn", ["ExpiryDays"] = "3650" }, formPage: "/admin/api-tokens");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Hãy chọn thời hạn của mã: 30, 90 hoặc 365 ngày.", page);
        Assert.DoesNotContain("id=\"new-token\"", page);
    }
}
