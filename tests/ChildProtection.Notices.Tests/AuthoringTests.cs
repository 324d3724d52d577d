using System.Globalization;
using System.Net;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>Writing a notice through the admin pages, on the whole site, as a notice sender.</summary>
public sealed class AuthoringTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    [Fact]
    public async Task The_list_is_empty_at_first_then_shows_a_saved_draft_and_finds_it_by_number()
    {
        var empty = await site.Sender.GetStringAsync("/admin/notices?q=khong-co-so-nay");
        Assert.Contains("Không có công văn nào phù hợp", empty);
        await CreateDraftAsync(site.Sender, "101/UBND-LĐTBXH");
        var list = await site.Sender.GetStringAsync("/admin/notices?q=101%2FUBND");
        Assert.Contains("101/UBND-LĐTBXH", list);
        Assert.Contains("Nháp", list);
        var drafts = await site.Sender.GetStringAsync("/admin/notices?status=Completed&q=101%2FUBND");
        Assert.DoesNotContain("101/UBND-LĐTBXH", drafts);
    }

    [Fact]
    public async Task Bad_input_gets_vietnamese_messages_per_field_and_nothing_is_saved()
    {
        var before = await site.WithDbAsync(db => db.Notices.CountAsync());
        var attachmentsBefore = await site.WithDbAsync(db => db.NoticeAttachments.CountAsync());
        var fields = ValidDraft("không có số");
        fields.Set("Input.Issuer", "  ");
        fields.Set("Input.Summary", "");
        fields.Set("Input.BodyHtml", "<script>alert(1)</script>");
        fields.Set("Input.Deadline", "31/02/2027");
        fields.Set("Input.ReplyToAddress", "khong-phai-email");
        fields.Set("Input.MaxReminders", "nhiều");
        fields.Set("Input.DocumentType", "Thư tình");

        var response = await PostDraftAsync(site.Sender, fields, [("Kế hoạch.pdf", Pdf())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Chưa lưu gì", html);
        Assert.Contains("Hãy nhập cơ quan ban hành.", html);
        Assert.Contains("Số và ký hiệu phải có dạng 2869/UBND-LĐTBXH.", html);
        Assert.Contains("Hãy nhập trích yếu.", html);
        Assert.Contains("Hãy viết nội dung công văn.", html);
        Assert.Contains("Hạn phản hồi không phải là ngày hợp lệ.", html);
        Assert.Contains("Địa chỉ trả lời không phải là địa chỉ thư điện tử hợp lệ.", html);
        Assert.Contains("Số lần nhắc phải là số nguyên từ 0 đến 10.", html);
        Assert.Contains("Hãy chọn loại văn bản.", html);
        // What was typed comes back for correcting.
        Assert.Contains("khong-phai-email", html);
        Assert.Equal(before, await site.WithDbAsync(db => db.Notices.CountAsync()));
        Assert.Equal(attachmentsBefore, await site.WithDbAsync(db => db.NoticeAttachments.CountAsync()));
    }

    [Fact]
    public async Task A_valid_draft_is_saved_sanitised_with_its_vietnamese_attachment_names_and_the_subject_from_the_summary()
    {
        var id = await CreateDraftAsync(site.Sender, "2869/UBND-LĐTBXH", [("Kế hoạch số 15 – Tháng hành động.pdf", Pdf()), ("Biểu mẫu báo cáo.xlsx", OfficeFile("xl/")), ("Hướng dẫn.docx", OfficeFile("word/"))]);

        var notice = await site.WithDbAsync(db => db.Notices.AsNoTracking().Include(n => n.Attachments).Include(n => n.Targets).FirstAsync(n => n.Id == id));
        Assert.Equal("V/v triển khai Tháng hành động vì trẻ em năm 2027", notice.Subject);
        Assert.DoesNotContain("<script", notice.BodyHtml);
        Assert.Contains("<strong>triển khai ngay</strong>", notice.BodyHtml);
        Assert.Equal(NoticeStatus.Draft, notice.Status);
        Assert.Equal("guicongvan", notice.CreatedBy);
        Assert.Single(notice.Targets, t => t.Kind == NoticeTargetKind.Group && t.TargetId == 10 && t.Label == "Tất cả trường tiểu học");
        Assert.Equal(["Kế hoạch số 15 – Tháng hành động.pdf", "Biểu mẫu báo cáo.xlsx", "Hướng dẫn.docx"], notice.Attachments.OrderBy(a => a.Id).Select(a => a.FileName));
        Assert.Equal(["application/pdf", AttachmentInspector.Xlsx.ContentType, AttachmentInspector.Docx.ContentType], notice.Attachments.OrderBy(a => a.Id).Select(a => a.ContentType));
        var files = site.Factory.Services.GetRequiredService<NoticeFiles>();
        foreach (var a in notice.Attachments)
        {
            Assert.Matches("^[0-9a-f]{32}\\.(pdf|xlsx|docx)$", a.StoredName);
            Assert.True(await files.Store.ExistsAsync(NoticeFiles.PathFor(id, a.StoredName)));
        }

        var details = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Kế hoạch số 15 – Tháng hành động.pdf", details);
        // Three addresses: the two schools share one (merged).
        Assert.Contains("3 địa chỉ e-mail (1 trùng lặp đã gộp)", details);
        Assert.Contains("Gửi tới 3 địa chỉ?", details);
    }

    [Fact]
    public async Task A_program_renamed_to_pdf_is_refused_by_its_content()
    {
        var response = await PostDraftAsync(site.Sender, ValidDraft("102/UBND-LĐTBXH"), [("Công văn.pdf", Exe())]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tệp Công văn.pdf không phải tài liệu PDF, Word (.docx) hoặc Excel (.xlsx).", await response.Content.ReadAsStringAsync());
        Assert.Null(await site.FindNoticeAsync("102/UBND-LĐTBXH"));
    }

    [Fact]
    public async Task A_zip_that_is_not_a_word_or_excel_file_is_refused()
    {
        var response = await PostDraftAsync(site.Sender, ValidDraft("103/UBND-LĐTBXH"), [("Bảng.xlsx", OfficeFile("other/"))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Null(await site.FindNoticeAsync("103/UBND-LĐTBXH"));
    }

    [Fact]
    public async Task Attachments_over_the_limit_per_notice_are_refused()
    {
        // The default is 20 MB; a setting lowers it so the test stays light.
        await site.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<IDocumentStore>().SaveAsync(NoticeAuthoringSettings.DocumentName, new NoticeAuthoringSettings { MaxAttachmentBytesPerNotice = 50_000 });
            return 0;
        });
        try
        {
            var response = await PostDraftAsync(site.Sender, ValidDraft("104/UBND-LĐTBXH"), [("Phần 1.pdf", Pdf(30_000)), ("Phần 2.pdf", Pdf(30_000))]);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("Tổng dung lượng tệp đính kèm của một công văn tối đa", await response.Content.ReadAsStringAsync());
            Assert.Null(await site.FindNoticeAsync("104/UBND-LĐTBXH"));
        }
        finally
        {
            await site.WithServicesAsync(async sp =>
            {
                await sp.GetRequiredService<IDocumentStore>().SaveAsync(NoticeAuthoringSettings.DocumentName, new NoticeAuthoringSettings());
                return 0;
            });
        }
    }

    [Fact]
    public async Task A_ward_merged_away_is_refused_naming_its_successor_and_the_successor_can_be_used_instead()
    {
        var fields = ValidDraft("105/UBND-LĐTBXH");
        fields.RemoveAll(f => f.Key == "Input.GroupIds");
        fields.Add(new("Input.OrganisationIds", "3"));

        var refused = await PostDraftAsync(site.Sender, fields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("UBND Phường Phạm Ngũ Lão không còn tồn tại: nay là UBND Phường Bến Thành.", html);
        Assert.Contains("Dùng UBND Phường Bến Thành thay thế", html);
        Assert.Null(await site.FindNoticeAsync("105/UBND-LĐTBXH"));

        fields.Add(new("with", "4"));
        var swapped = await PostDraftAsync(site.Sender, fields, handler: "Successor&replace=3");
        var form = await swapped.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Contains("name=\"Input.OrganisationIds\" value=\"4\" checked", form);
        Assert.DoesNotContain("name=\"Input.OrganisationIds\" value=\"3\"", form);
    }

    [Fact]
    public async Task The_organisation_search_answers_json_and_the_summary_counts_merged_addresses()
    {
        var json = await site.Sender.GetStringAsync("/admin/notices/edit?handler=Organisations&q=Nguy%E1%BB%85n");
        Assert.Contains("\"Trường Tiểu học Nguyễn Du\"", System.Text.RegularExpressions.Regex.Unescape(json));
        var summary = await site.Sender.GetStringAsync("/admin/notices/edit?handler=Summary&g=10&o=4");
        Assert.Contains("\"count\":4", summary);
        Assert.Contains("\"duplicates\":1", summary);
    }

    [Fact]
    public async Task Someone_elses_save_in_between_is_not_overwritten()
    {
        var id = await CreateDraftAsync(site.Sender, "106/UBND-LĐTBXH");
        var stale = (await site.WithDbAsync(db => db.Notices.AsNoTracking().FirstAsync(n => n.Id == id))).Version.ToString();
        var first = ValidDraft("106/UBND-LĐTBXH", "Trích yếu lần một");
        first.Add(new("Input.Version", stale));
        Assert.Equal(HttpStatusCode.Redirect, (await PostDraftAsync(site.Sender, first, id: id)).StatusCode);

        var second = ValidDraft("106/UBND-LĐTBXH", "Trích yếu lần hai");
        second.Add(new("Input.Version", stale));
        var response = await PostDraftAsync(site.Approver, second, id: id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("đã được người khác sửa", await response.Content.ReadAsStringAsync());
        Assert.Equal("Trích yếu lần một", (await site.FindNoticeAsync("106/UBND-LĐTBXH"))!.Summary);
    }

    [Fact]
    public async Task An_attachment_can_be_removed()
    {
        var id = await CreateDraftAsync(site.Sender, "107/UBND-LĐTBXH", [("Tờ rơi.pdf", Pdf())]);
        var attachment = (await site.FindNoticeAsync("107/UBND-LĐTBXH"))!.Attachments.Single();
        var response = await site.Sender.PostFormAsync($"/admin/notices/edit/{id}?handler=RemoveAttachment", new() { ["attachmentId"] = attachment.Id.ToString() }, $"/admin/notices/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty((await site.FindNoticeAsync("107/UBND-LĐTBXH"))!.Attachments);
    }

    [Fact]
    public async Task The_preview_shows_the_message_as_mailed_and_its_html_comes_with_a_strict_policy()
    {
        var id = await CreateDraftAsync(site.Sender, "108/UBND-LĐTBXH", [("Kế hoạch.pdf", Pdf())]);

        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}/preview");
        Assert.Contains("V/v triển khai Tháng hành động vì trẻ em năm 2027", page);
        Assert.Contains("Đề nghị các đơn vị triển khai ngay", page);
        Assert.Contains("ldtbxh@benthanh.example.gov.vn", page);
        Assert.Contains("Kế hoạch.pdf", page);
        Assert.Contains("sandbox=", page);

        var html = await site.Sender.Http.GetAsync($"/admin/notices/{id}/preview?handler=Html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("<strong>triển khai ngay</strong>", await html.Content.ReadAsStringAsync());
        var csp = string.Join(";", html.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.DoesNotContain("script-src", csp);
    }

    [Fact]
    public async Task A_test_to_myself_lands_in_the_outbox_with_the_test_subject()
    {
        var id = await CreateDraftAsync(site.Sender, "109/UBND-LĐTBXH");
        var details = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Chưa cấu hình máy chủ SMTP", details);

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Test", new(), $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = Directory.GetFiles(site.Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == "guicongvan@ldtbxh.example.gov.vn") && (m.TextBody ?? "").Contains("109/UBND-LĐTBXH"));
        Assert.Equal("[Thư thử] V/v triển khai Tháng hành động vì trẻ em năm 2027", mail.Subject);
        Assert.Contains("/cong-van/xac-nhan/thu-nghiem", mail.TextBody);
        Assert.Equal("ldtbxh@benthanh.example.gov.vn", mail.ReplyTo.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Sending_now_hands_the_notice_to_delivery_and_the_page_shows_progress()
    {
        var id = await CreateDraftAsync(site.Sender, "110/UBND-LĐTBXH");
        var version = (await site.FindNoticeAsync("110/UBND-LĐTBXH"))!.Version.ToString();

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version, ["when"] = "now" }, $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var notice = (await site.FindNoticeAsync("110/UBND-LĐTBXH"))!;
        Assert.Contains(notice.Status, new[] { NoticeStatus.Sending, NoticeStatus.Completed });
        Assert.Equal(3, notice.RecipientCount);
        Assert.Equal("guicongvan", notice.SentBy);
        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("data-progress-url", page);
        var progress = await site.Sender.GetStringAsync($"/admin/notices/{id}?handler=Progress");
        Assert.Contains("\"total\":3", progress);
    }

    [Fact]
    public async Task A_delivery_refusal_is_shown_in_vietnamese()
    {
        var id = await CreateDraftAsync(site.Sender, "111/UBND-LĐTBXH");

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Pause", new(), $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Công văn không ở trạng thái đang gửi.", page);
    }

    [Fact]
    public async Task A_send_refused_for_having_no_recipients_leaves_no_send_requested_entry_in_the_history()
    {
        var id = await CreateDraftAsync(site.Sender, "113/UBND-LĐTBXH", change: f =>
        {
            f.RemoveAll(kv => kv.Key == "Input.GroupIds");
            f.Add(new("Input.OrganisationIds", AuthoringTestDirectory.NoAddress.Id.ToString(CultureInfo.InvariantCulture)));
        });
        var before = (await site.FindNoticeAsync("113/UBND-LĐTBXH"))!;

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = before.Version.ToString(), ["when"] = "now" }, $"/admin/notices/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await site.Sender.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("Các nhóm và đơn vị đã chọn không có địa chỉ thư điện tử nào.", page);
        var after = (await site.FindNoticeAsync("113/UBND-LĐTBXH"))!;
        Assert.Equal(NoticeStatus.Draft, after.Status);
        // Nothing happened, so an open form may still save or send with the version it holds.
        Assert.Equal(before.Version, after.Version);
        var actions = await site.WithDbAsync(db => db.NoticeEvents.AsNoTracking().Where(e => e.NoticeId == id).Select(e => e.Action).ToListAsync());
        Assert.DoesNotContain("SendRequested", actions);
        Assert.DoesNotContain("Yêu cầu gửi", page);
        Assert.Empty(await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == id).ToListAsync()));
    }

    [Fact]
    public async Task Sending_later_schedules_the_notice_and_it_can_be_cancelled_before_then()
    {
        var id = await CreateDraftAsync(site.Sender, "112/UBND-LĐTBXH");
        var version = (await site.FindNoticeAsync("112/UBND-LĐTBXH"))!.Version.ToString();
        // A local time in the site's zone (Vietnam, UTC+7), as the datetime-local field sends it.
        var at = DateTime.UtcNow.AddHours(7).AddDays(3);

        var past = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version, ["when"] = "later", ["at"] = at.AddDays(-10).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
        Assert.Contains("Thời điểm hẹn gửi đã qua.", await site.Sender.GetStringAsync($"/admin/notices/{id}"));
        Assert.Equal(NoticeStatus.Draft, (await site.FindNoticeAsync("112/UBND-LĐTBXH"))!.Status);

        await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version, ["when"] = "later", ["at"] = at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) }, $"/admin/notices/{id}");

        var notice = (await site.FindNoticeAsync("112/UBND-LĐTBXH"))!;
        Assert.Equal(NoticeStatus.Scheduled, notice.Status);
        Assert.Equal(at.AddHours(-7).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), notice.ScheduledUtc!.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Assert.Contains("Hẹn gửi lúc " + at.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), await site.Sender.GetStringAsync($"/admin/notices/{id}"));

        await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Cancel", new(), $"/admin/notices/{id}");
        Assert.Equal(NoticeStatus.Cancelled, (await site.FindNoticeAsync("112/UBND-LĐTBXH"))!.Status);
    }

    [Fact]
    public void The_hourly_reminder_run_is_registered_with_hangfire_at_start()
    {
        var storage = site.Factory.Services.GetRequiredService<Hangfire.JobStorage>();
        using var connection = storage.GetConnection();
        var job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).SingleOrDefault(j => j.Id == ChildProtection.Notices.Acknowledgement.ReminderJob.RecurringJobId);
        Assert.NotNull(job);
        Assert.Equal("0 * * * *", job.Cron);
    }

    [Fact]
    public async Task The_editor_page_offers_the_rich_editor_the_document_types_and_the_reply_to_default_without_inline_script()
    {
        var html = await site.Sender.GetStringAsync("/admin/notices/edit");
        Assert.Contains("data-rich-editor", html);
        Assert.Contains("<option value=\"Kế hoạch\"", html);
        Assert.Contains("/_content/ChildProtection.Notices/js/notices.js", html);
        Assert.DoesNotMatch("<script>(?!</script>)", html.Replace("<script src=", ""));
        Assert.Contains("Tất cả trường tiểu học", html);
        var script = await site.Sender.Http.GetAsync("/_content/ChildProtection.Notices/js/notices.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Without_script_the_search_button_lists_organisations_to_tick_and_saves_nothing()
    {
        var fields = ValidDraft("113/UBND-LĐTBXH");
        fields.Add(new("q", "Nguyễn Du"));

        var response = await PostDraftAsync(site.Sender, fields, handler: "Search");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Input.OrganisationIds\" value=\"2\"", html);
        Assert.Contains("Trường Tiểu học Nguyễn Du", html);
        Assert.Null(await site.FindNoticeAsync("113/UBND-LĐTBXH"));
    }

    [Fact]
    public async Task Odd_addresses_and_query_values_never_give_a_server_error()
    {
        var id = await CreateDraftAsync(site.Sender, "114/UBND-LĐTBXH");
        (string Url, HttpStatusCode Expected)[] cases =
        [
            ("/admin/notices?status=zzz&page=-5", HttpStatusCode.OK),
            ("/admin/notices?page=999999&q=" + new string('x', 500), HttpStatusCode.OK),
            ("/admin/notices/999999", HttpStatusCode.NotFound),
            ("/admin/notices/edit/999999", HttpStatusCode.NotFound),
            ("/admin/notices/999999/preview", HttpStatusCode.NotFound),
            ("/admin/notices/999999/report", HttpStatusCode.NotFound),
            ($"/admin/notices/{id}/report?status=99&ack=maybe&page=abc", HttpStatusCode.OK),
            ($"/admin/notices/{id}?handler=File&attachmentId=abc", HttpStatusCode.NotFound),
            ("/admin/notices/edit?handler=Summary&g=abc&o=-1", HttpStatusCode.OK),
            ("/cong-van/xac-nhan/" + new string('A', 2000), HttpStatusCode.NotFound),
            ("/cong-van/xac-nhan/%2E%2E/tep/1", HttpStatusCode.NotFound),
        ];
        foreach (var (url, expected) in cases)
            Assert.True((await site.Sender.Http.GetAsync(url)).StatusCode == expected, url);
        var stale = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = "not-a-guid", ["when"] = "now" }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
    }
}
