using System.Net;
using ChildProtection.Audit;
using ChildProtection.Editorial.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Tests;

/// <summary>Taking a published article off the site with a reason, and what its address answers afterwards.</summary>
public sealed class WithdrawalTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    private async Task<string> PublishedArticleAsync(string title, string path)
    {
        var id = await site.DraftArticleAsync(site.Editor, title, path);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/" + path)).StatusCode);
        return id;
    }

    [Fact]
    public async Task A_withdrawn_article_shows_a_notice_with_the_reason()
    {
        var id = await PublishedArticleAsync("Kế hoạch cũ về diễn đàn trẻ em", "tin-tuc/ke-hoach-cu");
        var withdrawn = await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "Withdrawn", ["reason"] = "Kế hoạch đã được điều chỉnh <theo> chỉ đạo mới" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        var page = await site.Anonymous.Http.GetAsync("/tin-tuc/ke-hoach-cu");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Bài viết đã được rút", html);
        Assert.Contains("Kế hoạch đã được điều chỉnh &lt;theo&gt; chỉ đạo mới", html);
        Assert.Contains("noindex", html);
        Assert.Equal(ReviewStatus.Withdrawn, (await site.StateAsync(id))!.Status);
        var audit = await site.AuditAsync(id);
        Assert.Contains(audit, e => e.Action == AuditActions.Unpublished && e.Actor == "bbt.duyet");
        Assert.Contains(audit, e => e.Action == AuditActions.Withdrawn && e.Detail!.Contains("chỉ đạo mới"));
        Assert.True(await site.EditorialAsync(db => db.Notifications.AnyAsync(n => n.UserName == "bientapvien" && n.ContentItemId == id && n.Text.Contains("gỡ khỏi trang"))));
    }

    [Fact]
    public async Task An_article_published_in_error_is_gone()
    {
        var id = await PublishedArticleAsync("Bài đăng nhầm", "tin-tuc/bai-dang-nham");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "PublishedInError", ["reason"] = "Đăng nhầm bản nháp" })).StatusCode);
        var page = await site.Anonymous.Http.GetAsync("/tin-tuc/bai-dang-nham");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("Trang này đã bị gỡ bỏ", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_replaced_article_redirects_to_its_successor_and_a_bad_successor_changes_nothing()
    {
        var old = await PublishedArticleAsync("Hướng dẫn năm 2025", "tin-tuc/huong-dan-2025");
        await PublishedArticleAsync("Hướng dẫn năm 2026", "tin-tuc/huong-dan-2026");

        var refused = await site.ReviewAsync(site.Reviewer, old, "Withdraw", new() { ["kind"] = "Replaced", ["reason"] = "Có hướng dẫn mới", ["successor"] = "/tin-tuc/khong-co-bai-nay" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Hãy nhập địa chỉ của bài đang đăng thay thế bài này", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/tin-tuc/huong-dan-2025")).StatusCode);

        var replaced = await site.ReviewAsync(site.Reviewer, old, "Withdraw", new() { ["kind"] = "Replaced", ["reason"] = "Có hướng dẫn mới", ["successor"] = "http://localhost/tin-tuc/huong-dan-2026" });
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var page = await site.Anonymous.Http.GetAsync("/tin-tuc/huong-dan-2025");
        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal("/tin-tuc/huong-dan-2026", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_and_the_right_to_publish()
    {
        var id = await PublishedArticleAsync("Bài cần lý do khi gỡ", "tin-tuc/bai-can-ly-do");
        var noReason = await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "Withdrawn", ["reason"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Hãy ghi lý do", await noReason.Content.ReadAsStringAsync());
        var byEditor = await site.ReviewAsync(site.Editor, id, "Withdraw", new() { ["kind"] = "Withdrawn", ["reason"] = "Tự gỡ" });
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/tin-tuc/bai-can-ly-do")).StatusCode);
        Assert.DoesNotContain(await site.AuditAsync(id), e => e.Action is AuditActions.Withdrawn or AuditActions.Unpublished);
    }

    [Fact]
    public async Task Publishing_again_removes_the_withdrawal_notice()
    {
        var id = await PublishedArticleAsync("Bài được đăng lại", "tin-tuc/bai-dang-lai");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Withdraw", new() { ["kind"] = "PublishedInError", ["reason"] = "Nhầm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await site.Anonymous.Http.GetAsync("/tin-tuc/bai-dang-lai")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.EditArticleAsync(site.Editor, id, "Bài được đăng lại", "<p>Đã sửa</p>", path: "tin-tuc/bai-dang-lai")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.Http.GetAsync("/tin-tuc/bai-dang-lai")).StatusCode);
        Assert.Equal(0, await site.EditorialAsync(db => db.Retirements.CountAsync(r => r.ContentItemId == id)));
    }

    [Fact]
    public async Task Unpublishing_without_a_reason_puts_the_article_back_to_draft()
    {
        var id = await PublishedArticleAsync("Bài ngừng đăng không lý do", "tin-tuc/ngung-dang");
        var unpublished = await site.Reviewer.PostFormAsync($"/admin/content/{id}/edit?handler=Unpublish", new(), formPage: $"/admin/content/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.Equal(ReviewStatus.Draft, (await site.StateAsync(id))!.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.Http.GetAsync("/tin-tuc/ngung-dang")).StatusCode);
        Assert.Contains(await site.AuditAsync(id), e => e.Action == AuditActions.Unpublished && e.Actor == "bbt.duyet");
    }
}
