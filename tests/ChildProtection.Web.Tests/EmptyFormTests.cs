using Xunit;
using System.Net;

namespace ChildProtection.Web.Tests;

/// <summary>
/// A form sent with every box left empty is the first thing a hurried user does. The account and user pages
/// bound empty boxes as null and threw (a 500 page) instead of saying what is missing (found by trying the
/// screens as a user would).
/// </summary>
public sealed class EmptyFormTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    [Theory]
    [InlineData("/login", "", "UserName,Password")]
    [InlineData("/forgot-password", "", "UserName")]
    [InlineData("/reset-password?user=x&token=y", "/forgot-password", "NewPassword,ConfirmPassword")]
    public async Task An_empty_public_account_form_is_answered_with_a_message_not_an_error(string url, string formPage, string fields)
    {
        using var visitor = site.Factory.CreateSiteClient();
        await AssertAnsweredAsync(visitor, url, formPage, fields);
    }

    [Theory]
    [InlineData("/account/password", "", "CurrentPassword,NewPassword,ConfirmPassword")]
    [InlineData("/admin/api-tokens?handler=Create", "/admin/api-tokens", "Name")]
    [InlineData("/admin/users/create", "", "UserName,Email,Password")]
    [InlineData("/admin/roles", "", "Name,Description")]
    public async Task An_empty_staff_form_is_answered_with_a_message_not_an_error(string url, string formPage, string fields) =>
        await AssertAnsweredAsync(site.Admin, url, formPage, fields);

    private static async Task AssertAnsweredAsync(SiteClient client, string url, string formPage, string fields)
    {
        var response = await client.PostFormAsync(url, fields.Split(',').ToDictionary(f => f, _ => ""), formPage.Length > 0 ? formPage : null);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("Đã có lỗi xảy ra", html);
    }
}
