using System.Net;
using ChildProtection.Editorial.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Tests;

/// <summary>
/// An item's review page shows the draft's title, state and the reviewers' internal comments: only people
/// who may edit the item or review its type may open it or use any of its forms. Anyone else who may open
/// the admin (a school's account, another editor) is refused and learns nothing of the draft.
/// </summary>
public sealed class ReviewAccessTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    private const string Title = "Bản nháp nội bộ: kế hoạch kiểm tra trường Tiểu học Hòa Bình";
    private const string Comment = "Ghi chú nội bộ: chưa công bố tên trường trước ngày kiểm tra";

    private async Task<string> DraftWithInternalCommentAsync()
    {
        var id = await site.DraftArticleAsync(site.Editor, Title + " " + Guid.NewGuid().ToString("N")[..4]);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Reviewer, id, "Comment", new() { ["comment"] = Comment })).StatusCode);
        return id;
    }

    private static async Task AssertRefusedAndSilentAsync(HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Title, body);
        Assert.DoesNotContain(Comment, body);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!;
            Assert.StartsWith("/access-denied", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
        }
    }

    [Fact]
    public async Task People_who_may_edit_or_review_the_item_see_its_review()
    {
        var id = await DraftWithInternalCommentAsync();
        foreach (var client in new[] { site.Editor, site.Reviewer, site.Admin })
        {
            var page = await client.Http.GetAsync($"/admin/review/item/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(Title, html);
            Assert.Contains(Comment, html);
        }
    }

    [Fact]
    public async Task A_school_account_cannot_open_a_drafts_review_page()
    {
        var id = await DraftWithInternalCommentAsync();
        using var school = await site.UserAsync("truong.hoabinh", "truong.hoabinh@example.edu.vn", "SchoolUser");
        await AssertRefusedAndSilentAsync(await school.Http.GetAsync($"/admin/review/item/{id}"));
        // Another editor edits only their own items: someone else's draft is not theirs to read.
        using var otherEditor = await site.UserAsync("bientapvien2", "bientapvien2@vhtt.example.gov.vn", "Editor");
        await AssertRefusedAndSilentAsync(await otherEditor.Http.GetAsync($"/admin/review/item/{id}"));
        // An unknown item stays 404.
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync("/admin/review/item/khongtontai")).StatusCode);
    }

    [Fact]
    public async Task A_school_account_can_use_none_of_the_review_forms()
    {
        var id = await DraftWithInternalCommentAsync();
        using var school = await site.UserAsync("truong.anbinh", "truong.anbinh@example.edu.vn", "SchoolUser");
        var schedules = await site.EditorialAsync(db => db.PublishSchedules.CountAsync(s => s.ContentItemId == id));
        var comments = await site.EditorialAsync(db => db.ReviewComments.CountAsync(c => c.ContentItemId == id));
        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Comment", new() { ["comment"] = "Trường xem được bản nháp" }),
            ("Submit", new() { ["comment"] = "" }),
            ("Return", new() { ["comment"] = "Trả lại" }),
            ("Approve", new() { ["publishAt"] = "" }),
            ("CancelSchedule", new() { ["scheduleId"] = "1" }),
            ("Withdraw", new() { ["kind"] = "Unpublish", ["reason"] = "Gỡ" }),
        })
        {
            // The school's own form token (from a page it may open): what a browser of theirs would send.
            var response = await school.PostFormAsync($"/admin/review/item/{id}?handler={handler}", fields, formPage: "/admin");
            await AssertRefusedAndSilentAsync(response);
        }
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
        Assert.Equal(comments, await site.EditorialAsync(db => db.ReviewComments.CountAsync(c => c.ContentItemId == id)));
        Assert.Equal(schedules, await site.EditorialAsync(db => db.PublishSchedules.CountAsync(s => s.ContentItemId == id)));
    }
}
