using System.Net;
using ChildProtection.Audit;
using ChildProtection.Editorial.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>The review workflow through the pages a person uses: submit, return with a comment, resubmit, approve.</summary>
public sealed class ReviewWorkflowTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    [Fact]
    public async Task An_article_goes_from_draft_through_review_and_return_to_published_with_notifications_and_audit()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Thành phố triển khai Tháng hành động vì trẻ em", "tin-tuc/thang-hanh-dong-2026");

        // The editor may not publish an article: the type requires review.
        var publish = await site.Editor.PostFormAsync($"/admin/content/{id}/edit?handler=Publish", new() { ["TitlePart.Title"] = "Thành phố triển khai Tháng hành động vì trẻ em" }, formPage: $"/admin/content/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.StartsWith("/access-denied", publish.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.Http.GetAsync("/tin-tuc/thang-hanh-dong-2026")).StatusCode);

        var editorPage = await site.Editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Gửi duyệt", editorPage);
        Assert.DoesNotContain("handler=Approve", editorPage);

        var submitted = await site.ReviewAsync(site.Editor, id, "Submit", new() { ["comment"] = "Nhờ anh chị xem giúp số liệu", ["returnUrl"] = $"/admin/content/{id}/edit" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);

        // The reviewer is told in the admin and by e-mail; the queue lists the article.
        var reviewerNotes = await site.EditorialAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserName == "bbt.duyet" && n.ContentItemId == id).ToListAsync());
        Assert.Single(reviewerNotes);
        Assert.Equal("sent", reviewerNotes[0].MailOutcome);
        Assert.Contains(site.OutboxMessages(), m => m.Contains("bbt.duyet@vhtt.example.gov.vn") && m.Contains("Subject:"));
        var queue = await site.Reviewer.GetStringAsync("/admin/review");
        Assert.Contains("Thành phố triển khai Tháng hành động vì trẻ em", queue);
        Assert.Contains("bientapvien", queue);
        Assert.Contains("data-unread=\"", await site.Reviewer.GetStringAsync("/admin"));

        var returned = await site.ReviewAsync(site.Reviewer, id, "Return", new() { ["comment"] = "Bổ sung số công văn 2869/UBND-LĐTBXH & nguồn" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(ReviewStatus.Returned, (await site.StateAsync(id))!.Status);
        var editorNotes = await site.EditorialAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserName == "bientapvien" && n.ContentItemId == id).ToListAsync());
        Assert.Contains(editorNotes, n => n.Text.Contains("2869/UBND-LĐTBXH"));
        // The comment shows in the editor's review panel, escaped.
        editorPage = await site.Editor.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Bổ sung số công văn 2869/UBND-LĐTBXH &amp; nguồn", editorPage);
        Assert.Contains("data-review-status=\"Returned\"", editorPage);

        var edited = await site.EditArticleAsync(site.Editor, id, "Thành phố triển khai Tháng hành động vì trẻ em", "<p>Theo Công văn số 2869/UBND-LĐTBXH ngày 03/04/2024.</p>", path: "tin-tuc/thang-hanh-dong-2026");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);

        var approved = await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["comment"] = "Đồng ý đăng", ["publishAt"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(ReviewStatus.Published, (await site.StateAsync(id))!.Status);
        var page = await site.Anonymous.Http.GetAsync("/tin-tuc/thang-hanh-dong-2026");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("2869/UBND-LĐTBXH", await page.Content.ReadAsStringAsync());

        var audit = await site.AuditAsync(id);
        var trail = audit.Select(e => (e.Action, e.Actor)).ToList();
        Assert.Equal(
            [(AuditActions.Created, "bientapvien"), (AuditActions.Submitted, "bientapvien"), (AuditActions.Returned, "bbt.duyet"),
             (AuditActions.Edited, "bientapvien"), (AuditActions.Submitted, "bientapvien"), (AuditActions.Published, "bbt.duyet"), (AuditActions.Approved, "bbt.duyet")],
            trail);
        var thread = await site.EditorialAsync(db => db.ReviewComments.AsNoTracking().Where(c => c.ContentItemId == id).OrderBy(c => c.Id).Select(c => c.Kind).ToListAsync());
        Assert.Equal([ReviewEventKind.Submitted, ReviewEventKind.Returned, ReviewEventKind.Submitted, ReviewEventKind.Approved], thread);
    }

    [Fact]
    public async Task A_review_action_by_the_wrong_role_is_refused_with_a_message_and_changes_nothing()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bài viết chờ duyệt về phòng chống đuối nước");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        var before = await site.AuditAsync(id);

        foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Approve", new() { ["publishAt"] = "" }),
            ("Return", new() { ["comment"] = "Tự trả lại" }),
        })
        {
            var refused = await site.ReviewAsync(site.Editor, id, handler, fields);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("Chỉ người duyệt (Ban biên tập) mới được duyệt, trả lại hoặc hẹn giờ đăng bài", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
        Assert.Equal(before.Count, (await site.AuditAsync(id)).Count);
        Assert.Null(await site.WithServicesAsync(sp => sp.GetRequiredService<ChildProtection.Core.Contents.IContentManager>().GetAsync(id, ChildProtection.Core.Contents.VersionOptions.Published)));
        // The queue is the reviewers' screen only.
        var queue = await site.Editor.Http.GetAsync("/admin/review");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/access-denied", queue.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_publish_time_in_the_past_is_refused_with_a_message_and_changes_nothing()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Hội thi tuyên truyền kỹ năng an toàn");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);

        var refused = await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = "2024-04-04T12:44" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Thời điểm đăng 2024-04-04 12:44 đã qua", await refused.Content.ReadAsStringAsync());

        var garbled = await site.ReviewAsync(site.Reviewer, id, "Approve", new() { ["publishAt"] = "ngày mai" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.StatusCode);
        Assert.Contains("Thời điểm đăng không phải là ngày giờ hợp lệ", await garbled.Content.ReadAsStringAsync());

        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
        Assert.Equal(0, await site.EditorialAsync(db => db.PublishSchedules.CountAsync(s => s.ContentItemId == id)));
        Assert.DoesNotContain(await site.AuditAsync(id), e => e.Action is AuditActions.Approved or AuditActions.Scheduled or AuditActions.Published);
    }

    [Fact]
    public async Task Returning_without_a_comment_is_refused()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Diễn đàn trẻ em phường");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        var refused = await site.ReviewAsync(site.Reviewer, id, "Return", new() { ["comment"] = "   " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Hãy ghi nhận xét", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ReviewStatus.Submitted, (await site.StateAsync(id))!.Status);
    }

    [Fact]
    public async Task A_title_of_only_spaces_is_refused_and_nothing_is_saved()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Tập huấn kỹ năng sơ cứu");
        var versions = await site.WithServicesAsync(sp => sp.GetRequiredService<ChildProtection.Core.Contents.IContentManager>().GetVersionsAsync(id));

        var refused = await site.EditArticleAsync(site.Editor, id, "     ", "<p>Đổi nội dung</p>");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Chưa lưu được", html);
        Assert.Contains("Cần nhập tiêu đề", html);
        var after = await site.WithServicesAsync(sp => sp.GetRequiredService<ChildProtection.Core.Contents.IContentManager>().GetVersionsAsync(id));
        Assert.Equal(versions.Count, after.Count);
        Assert.Equal("Tập huấn kỹ năng sơ cứu", after[0].DisplayText);
    }

    [Fact]
    public async Task A_slug_taken_by_another_item_is_refused_and_nothing_is_saved()
    {
        await site.DraftArticleAsync(site.Editor, "Bài thứ nhất", "tin-tuc/dia-chi-da-dung");
        var second = await site.DraftArticleAsync(site.Editor, "Bài thứ hai", "tin-tuc/bai-thu-hai");

        var refused = await site.EditArticleAsync(site.Editor, second, "Bài thứ hai", "<p>Nội dung</p>", path: "tin-tuc/dia-chi-da-dung");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Địa chỉ &quot;tin-tuc/dia-chi-da-dung&quot; đã được dùng cho mục khác", await refused.Content.ReadAsStringAsync());
        var latest = await site.WithServicesAsync(sp => sp.GetRequiredService<ChildProtection.Core.Contents.IContentManager>().GetAsync(second, ChildProtection.Core.Contents.VersionOptions.Latest));
        Assert.Equal("tin-tuc/bai-thu-hai", latest!.Path);
        Assert.Equal(1, latest.Number);
    }

    [Fact]
    public async Task Notifications_are_listed_and_marked_read()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Thông báo lịch tập huấn");
        Assert.Equal(HttpStatusCode.Redirect, (await site.ReviewAsync(site.Editor, id, "Submit")).StatusCode);
        var list = await site.Reviewer.GetStringAsync("/admin/notifications");
        Assert.Contains("Thông báo lịch tập huấn", list);
        var note = await site.EditorialAsync(db => db.Notifications.AsNoTracking().FirstAsync(n => n.UserName == "bbt.duyet" && n.ContentItemId == id));

        // Another person cannot open (or mark) it.
        var foreign = await site.Editor.PostFormAsync("/admin/notifications?handler=Open", new() { ["id"] = note.Id.ToString() }, formPage: "/admin/notifications");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var opened = await site.Reviewer.PostFormAsync("/admin/notifications?handler=Open", new() { ["id"] = note.Id.ToString() }, formPage: "/admin/notifications");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/admin/content/{id}/edit", opened.Headers.Location!.OriginalString);
        Assert.NotNull((await site.EditorialAsync(db => db.Notifications.AsNoTracking().FirstAsync(n => n.Id == note.Id))).ReadUtc);

        var all = await site.Reviewer.PostFormAsync("/admin/notifications?handler=ReadAll", new(), formPage: "/admin/notifications");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(0, await site.EditorialAsync(db => db.Notifications.CountAsync(n => n.UserName == "bbt.duyet" && n.ReadUtc == null)));
        Assert.Contains("data-unread=\"0\"", await site.Reviewer.GetStringAsync("/admin"));
    }
}
