using System.Net;
using ChildProtection.Web.Tests;

namespace ChildProtection.Organisations.Tests;

/// <summary>Every directory page needs ManageDirectory: an editor is refused, a notice sender is let in.</summary>
public sealed class PermissionTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private static readonly string[] Pages =
    [
        "/admin/directory", "/admin/directory/edit", "/admin/directory/groups", "/admin/directory/groups/edit",
        "/admin/directory/import", "/admin/directory/import?handler=Export&format=csv", "/admin/directory/import?handler=Template&format=xlsx",
        "/admin/directory/groups/edit?handler=Count&ruleKinds=School", "/admin/directory/groups/edit?handler=Find&q=truong",
    ];

    private async Task<SiteClient> SignInAsync(string user, string role)
    {
        var created = await site.Admin.PostFormAsync("/admin/users/create", new()
        {
            ["UserName"] = user, ["Email"] = $"{user}@example.gov.vn", ["Password"] = "Mat-khau-2025!", ["Roles"] = role,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var client = site.Factory.CreateSiteClient();
        await client.SignInAsync(user, "Mat-khau-2025!");
        return client;
    }

    [Fact]
    public async Task A_user_without_ManageDirectory_is_refused_everywhere()
    {
        using var editor = await SignInAsync("bientapvien", "Editor");

        foreach (var page in Pages)
        {
            var response = await editor.Http.GetAsync(page);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{page}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("denied", response.Headers.Location!.OriginalString);
        }
        // A post without the permission is refused too (the antiforgery token comes from a page the editor may see).
        var token = SiteClient.TokenIn(await editor.GetStringAsync("/admin"))!;
        var post = await editor.Http.PostAsync("/admin/directory/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Code"] = "X", ["Input.Name"] = "X", ["Input.Kind"] = "Ward",
        }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        if (post.StatusCode == HttpStatusCode.Redirect) Assert.Contains("denied", post.Headers.Location!.OriginalString);

        using var anonymous = site.Factory.CreateSiteClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/admin/directory")).StatusCode);
    }

    [Fact]
    public async Task A_notice_sender_may_manage_the_directory()
    {
        using var sender = await SignInAsync("guicongvan", "NoticeSender");

        foreach (var page in Pages)
            Assert.Equal(HttpStatusCode.OK, (await sender.Http.GetAsync(page)).StatusCode);
        var menu = await sender.GetStringAsync("/admin/directory");
        Assert.Contains("href=\"/admin/directory/groups\"", menu);
    }
}
