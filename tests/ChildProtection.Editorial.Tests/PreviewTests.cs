using System.Net;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>Drafts in the public theme at a signed, expiring address that no cache keeps and no search engine indexes.</summary>
public sealed class PreviewTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    [Fact]
    public async Task A_draft_is_shown_at_its_signed_address_uncached_and_unindexed()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bản nháp xem trước về kỹ năng bơi", "tin-tuc/ban-nhap-xem-truoc", body: "<p>Nội dung nháp &amp; số liệu</p>");
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.Http.GetAsync("/tin-tuc/ban-nhap-xem-truoc")).StatusCode);

        var link = await site.Editor.Http.GetAsync($"/admin/content/{id}/preview");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var address = link.Headers.Location!.OriginalString;
        Assert.StartsWith("/preview/", address);

        // Anyone holding the link (a reviewer, a colleague without an account) sees the draft.
        var page = await site.Anonymous.Http.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Bản nháp xem trước về kỹ năng bơi", html);
        Assert.Contains("Nội dung nháp &amp; số liệu", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal("noindex", page.Headers.GetValues("X-Robots-Tag").Single());

        // A changed token shows nothing.
        var tampered = await site.Anonymous.Http.GetAsync(address[..^3] + (address[^3] == 'A' ? "B" : "A") + address[^2..]);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        Assert.DoesNotContain("Bản nháp xem trước", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_expired_preview_address_shows_nothing()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bản nháp hết hạn xem trước");
        var token = await site.WithServicesAsync(async sp =>
        {
            var latest = await sp.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest);
            return sp.GetRequiredService<PreviewTokens>().Create(id, latest!.ContentItemVersionId, TimeSpan.FromMinutes(-1));
        });
        var page = await site.Anonymous.Http.GetAsync("/preview/" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Only_people_who_may_edit_the_item_can_make_a_preview_address()
    {
        var id = await site.DraftArticleAsync(site.Admin, "Bản nháp của quản trị");
        using var school = await site.UserAsync("truonghoc1", "truonghoc1@example.edu.vn", "SchoolUser");
        var refused = await school.Http.GetAsync($"/admin/content/{id}/preview");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("/preview/", refused.Headers.Location?.OriginalString ?? "");
    }
}
