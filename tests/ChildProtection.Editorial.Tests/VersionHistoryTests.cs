using System.Net;
using ChildProtection.Audit;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>The history page: two versions side by side (text, not markup, everything escaped), and an audited restore.</summary>
public sealed class VersionHistoryTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    [Fact]
    public async Task Two_versions_are_compared_side_by_side_as_text_with_changes_marked_and_escaped()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Kế hoạch truyền thông tháng 6", "tin-tuc/ke-hoach-thang-6",
            body: "<p>Tổ chức 12 buổi nói chuyện chuyên đề.</p><p>Phát 500 tờ rơi.</p>", summary: "Tóm tắt cũ");
        var edited = await site.EditArticleAsync(site.Editor, id, "Kế hoạch truyền thông tháng 6 năm 2026",
            "<p>Tổ chức 15 buổi nói chuyện chuyên đề.</p><p>Phát 500 tờ rơi.</p><p>&lt;script&gt;alert(1)&lt;/script&gt; là chữ, không phải mã</p>",
            path: "tin-tuc/ke-hoach-thang-6", summary: "Tóm tắt mới");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var history = await site.Editor.GetStringAsync($"/admin/content/{id}/versions");
        Assert.Contains("So sánh các phiên bản đã chọn", history);

        var response = await site.Editor.Http.GetAsync($"/admin/content/{id}/versions/compare");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Phiên bản 1", html);
        Assert.Contains("Phiên bản 2", html);
        // Word-level changes inside the body's text; the markup itself is not compared.
        Assert.Contains("<del>12</del>", html);
        Assert.Contains("<ins>15</ins>", html);
        Assert.DoesNotContain("&lt;p&gt;", html);
        Assert.Contains("<ins>năm</ins>", html);
        Assert.Contains("<del>cũ</del>", html);
        Assert.Contains("<ins>mới</ins>", html);
        // Text that looks like a script is shown as text, never run.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);

        var versions = await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetVersionsAsync(id));
        var chosen = await site.Editor.Http.GetAsync($"/admin/content/{id}/versions/compare?from={versions[0].ContentItemVersionId}&to={versions[1].ContentItemVersionId}");
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Editor.Http.GetAsync($"/admin/content/{id}/versions/compare?from=khong-co")).StatusCode);
    }

    [Fact]
    public async Task Restoring_an_old_version_makes_a_new_draft_and_is_audited()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Bài khôi phục phiên bản", "tin-tuc/bai-khoi-phuc", body: "<p>Bản đầu</p>");
        await site.EditArticleAsync(site.Editor, id, "Bài khôi phục phiên bản", "<p>Bản sau</p>", path: "tin-tuc/bai-khoi-phuc");
        var versions = await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetVersionsAsync(id));
        var first = versions.Single(v => v.Number == 1);

        var restored = await site.Editor.PostFormAsync($"/admin/content/{id}/versions?handler=Restore", new() { ["versionId"] = first.ContentItemVersionId });
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var latest = await site.WithServicesAsync(sp => sp.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Latest));
        Assert.Equal(3, latest!.Number);
        Assert.Contains("Bản đầu", latest.Content["BodyPart"]!["Html"]!.ToString());
        Assert.Contains(await site.AuditAsync(id), e => e.Action == AuditActions.VersionRestored && e.Actor == "bientapvien" && e.Detail == "v1 → v3");
    }
}
