using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChildProtection.Audit.Data;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using ChildProtection.Web.Tests;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// Replies by the deadline, end to end on the whole site: the sender defines the fields on the admin page,
/// the schools answer through their personal links, the office reads the report and the exports.
/// </summary>
public sealed class ReplyTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    /// <summary>A draft with the reply form (children supported, a yes/no choice, a date, a note, the signed minutes as a file).</summary>
    private async Task<(int Id, List<NoticeReplyField> Fields)> DraftWithReplyFormAsync(string number)
    {
        var id = await CreateDraftAsync(site.Sender, number);
        var deadline = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var saved = await site.Sender.PostFormAsync($"/admin/notices/{id}/reply-fields", new()
        {
            ["Deadline"] = deadline, ["Version"] = await VersionAsync(id),
            ["Fields[0].Id"] = "0", ["Fields[0].Label"] = "Số trẻ em được hỗ trợ", ["Fields[0].Kind"] = "Number", ["Fields[0].Required"] = "true", ["Fields[0].Position"] = "1",
            ["Fields[1].Id"] = "0", ["Fields[1].Label"] = "Đã tổ chức tuyên truyền?", ["Fields[1].Kind"] = "Choice", ["Fields[1].Options"] = "Có\nChưa", ["Fields[1].Required"] = "true", ["Fields[1].Position"] = "2",
            ["Fields[2].Id"] = "0", ["Fields[2].Label"] = "Ngày tổ chức", ["Fields[2].Kind"] = "Date", ["Fields[2].Position"] = "3",
            ["Fields[3].Id"] = "0", ["Fields[3].Label"] = "Ghi chú", ["Fields[3].Kind"] = "Text", ["Fields[3].Position"] = "4",
            ["Fields[4].Id"] = "0", ["Fields[4].Label"] = "Biên bản", ["Fields[4].Kind"] = "File", ["Fields[4].Position"] = "5",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var fields = await site.WithDbAsync(db => db.NoticeReplyFields.AsNoTracking().Where(f => f.NoticeId == id).OrderBy(f => f.Position).ToListAsync());
        return (id, fields);
    }

    private Task<string> VersionAsync(int id) => site.WithDbAsync(async db => (await db.Notices.FirstAsync(n => n.Id == id)).Version.ToString());

    /// <summary>Posts the reply form of a personal link as the browser does (multipart, antiforgery token from the page).</summary>
    private static async Task<HttpResponseMessage> ReplyAsync(SiteClient visitor, string token, IReadOnlyList<NoticeReplyField> fields, Dictionary<string, string> byLabel, (string Label, string Name, byte[] Bytes)? file = null, string? pageWithForm = null)
    {
        var url = "/cong-van/xac-nhan/" + token;
        var page = pageWithForm ?? await visitor.GetStringAsync(url);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(SiteClient.TokenIn(page) ?? throw new InvalidOperationException("no token on " + url)), "__RequestVerificationToken");
        foreach (var (label, value) in byLabel) content.Add(new StringContent(value, Encoding.UTF8), "r" + fields.Single(f => f.Label == label).Id);
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Bytes);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(bytes, "r" + fields.Single(x => x.Label == f.Label).Id, f.Name);
        }
        return await visitor.Http.PostAsync(url + "?handler=Reply", content);
    }

    private static Dictionary<string, string> Answer(string children, string choice = "Có") =>
        new() { ["Số trẻ em được hỗ trợ"] = children, ["Đã tổ chức tuyên truyền?"] = choice, ["Ngày tổ chức"] = "15/11/2026", ["Ghi chú"] = "Đã phối hợp với Hội phụ nữ" };

    private Task<int> RepliesOfAsync(int noticeId) => site.WithDbAsync(db => db.NoticeReplies.CountAsync(r => r.NoticeId == noticeId));

    [Fact]
    public async Task Fields_are_checked_defined_on_the_draft_and_fixed_once_the_notice_is_sent()
    {
        var id = await CreateDraftAsync(site.Sender, "601/UBND-LĐTBXH");
        var bad = await site.Sender.PostFormAsync($"/admin/notices/{id}/reply-fields", new()
        {
            ["Deadline"] = "", ["Version"] = await VersionAsync(id),
            ["Fields[0].Id"] = "0", ["Fields[0].Label"] = "Loại hình", ["Fields[0].Kind"] = "Choice", ["Fields[0].Options"] = "Chỉ một",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Loại lựa chọn cần ít nhất hai lựa chọn", html);
        Assert.Contains("Công văn yêu cầu báo cáo phải có hạn trả lời", html);
        Assert.Contains("aria-describedby=\"Fields_0_Options-error\"", html);
        Assert.Equal(0, await site.WithDbAsync(db => db.NoticeReplyFields.CountAsync(f => f.NoticeId == id)));

        var (withForm, fields) = await DraftWithReplyFormAsync("602/UBND-LĐTBXH");
        Assert.Equal(["Số trẻ em được hỗ trợ", "Đã tổ chức tuyên truyền?", "Ngày tổ chức", "Ghi chú", "Biên bản"], fields.Select(f => f.Label));
        Assert.Equal(["Có", "Chưa"], fields[1].OptionList);
        Assert.True(fields[0].Required);
        Assert.False(fields[2].Required);

        await site.SeedLedgerAsync(withForm, NoticeStatus.Completed, DateTime.UtcNow.AddDays(10), ("a@truong1.edu.vn", DeliveryStatus.Sent, true));
        var page = await site.Sender.GetStringAsync($"/admin/notices/{withForm}/reply-fields");
        Assert.Contains("biểu mẫu báo cáo đã cố định", page);
        Assert.DoesNotContain("Lưu biểu mẫu báo cáo", page);
        var change = await site.Sender.PostFormAsync($"/admin/notices/{withForm}/reply-fields", new()
        {
            ["Deadline"] = "", ["Version"] = await VersionAsync(withForm),
            ["Fields[0].Id"] = fields[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Fields[0].Label"] = "Đổi câu hỏi", ["Fields[0].Kind"] = "Text",
        }, $"/admin/notices/{id}/reply-fields");
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var after = await site.WithDbAsync(db => db.NoticeReplyFields.AsNoTracking().Where(f => f.NoticeId == withForm).OrderBy(f => f.Position).ToListAsync());
        Assert.Equal(fields.Select(f => (f.Label, f.Kind)), after.Select(f => (f.Label, f.Kind)));
    }

    [Fact]
    public async Task A_reply_is_saved_a_correction_makes_version_two_which_the_report_counts_and_both_are_audited()
    {
        var (id, fields) = await DraftWithReplyFormAsync("603/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(10), ("vanthu@truong1.edu.vn", DeliveryStatus.Sent, true));
        using var visitor = site.Factory.CreateSiteClient();
        var token = site.TokenFor(rows[0]);

        var page = await visitor.GetStringAsync("/cong-van/xac-nhan/" + token);
        Assert.Contains("Báo cáo của đơn vị", page);
        Assert.Contains($"<label for=\"r{fields[0].Id}\">Số trẻ em được hỗ trợ (bắt buộc)</label>", page);

        var first = await ReplyAsync(visitor, token, fields, Answer("1.250"), ("Biên bản", "Biên bản họp.pdf", Pdf(4000)));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("phiên bản 1) đã được gửi", await first.Content.ReadAsStringAsync());
        var v1 = await site.WithDbAsync(db => db.NoticeReplies.AsNoTracking().Include(r => r.Values).SingleAsync(r => r.NoticeId == id));
        Assert.Equal(1, v1.Version);
        Assert.Equal(1250m, v1.Values.Single(v => v.FieldId == fields[0].Id).Number);
        Assert.Equal(new DateOnly(2026, 11, 15), v1.Values.Single(v => v.FieldId == fields[2].Id).Date);
        Assert.Equal("Phường Bến Thành", v1.WardName);
        var file = v1.Values.Single(v => v.FieldId == fields[4].Id);
        Assert.Equal("Biên bản họp.pdf", file.Text);

        // The correction changes the figure and keeps the file already sent.
        var second = await ReplyAsync(visitor, token, fields, Answer("1300", "Chưa"));
        Assert.Contains("phiên bản 2) đã được gửi", await second.Content.ReadAsStringAsync());
        var versions = await site.WithDbAsync(db => db.NoticeReplies.AsNoTracking().Include(r => r.Values).Where(r => r.NoticeId == id).OrderBy(r => r.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(1250m, versions[0].Values.Single(v => v.FieldId == fields[0].Id).Number);
        Assert.Equal(1300m, versions[1].Values.Single(v => v.FieldId == fields[0].Id).Number);
        Assert.Equal(file.StoredName, versions[1].Values.Single(v => v.FieldId == fields[4].Id).StoredName);

        var replies = await site.Sender.GetStringAsync($"/admin/notices/{id}/replies");
        Assert.Contains("1.300", replies);
        Assert.DoesNotContain("1.250", replies);
        var report = await site.Sender.GetStringAsync($"/admin/notices/{id}/report");
        Assert.Contains("data-count=\"replied\">1<", report);
        var one = await site.Sender.GetStringAsync($"/admin/notices/{id}/replies/{rows[0].OrganisationId}");
        Assert.Contains("data-version=\"2\"", one);
        Assert.Contains("data-version=\"1\"", one);
        var download = await site.Sender.Http.GetAsync($"/admin/notices/{id}/replies/{rows[0].OrganisationId}?handler=File&valueId={versions[1].Values.Single(v => v.FieldId == fields[4].Id).Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("Biên bản họp.pdf", download.Content.Headers.ContentDisposition!.FileNameStar);
        // The office's download is the office's: the public visitor is not signed in.
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.Http.GetAsync($"/admin/notices/{id}/replies/{rows[0].OrganisationId}?handler=File&valueId=1")).StatusCode);

        Assert.Equal(["ReplyCorrected", "Replied"], await site.WithDbAsync(db => db.NoticeEvents.Where(e => e.NoticeId == id && e.Action.StartsWith("Repl") && e.Action != "ReplyFormChanged").OrderByDescending(e => e.Id).Select(e => e.Action).ToListAsync()));
        var audit = await site.WithServicesAsync(sp => sp.GetRequiredService<AuditDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.SubjectId == "notice-" + id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["NoticeReplied", "NoticeReplyCorrected"], audit.Select(e => e.Action));
        Assert.Contains("v2", audit[1].Detail);
    }

    [Fact]
    public async Task Bad_input_saves_nothing_and_says_what_is_wrong_at_each_field()
    {
        var (id, fields) = await DraftWithReplyFormAsync("604/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(10), ("vanthu@truong1.edu.vn", DeliveryStatus.Sent, true));
        using var visitor = site.Factory.CreateSiteClient();
        var token = site.TokenFor(rows[0]);
        var filesBefore = (await site.Factory.Services.GetRequiredService<NoticeFiles>().Store.ListAsync(NoticeFiles.FolderFor(id))).Count;

        var response = await ReplyAsync(visitor, token, fields,
            new() { ["Số trẻ em được hỗ trợ"] = "mười hai", ["Đã tổ chức tuyên truyền?"] = "Không biết", ["Ngày tổ chức"] = "31/02/2026" },
            ("Biên bản", "bien-ban.pdf", Exe()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Chưa gửi được", html);
        Assert.Contains("“mười hai” không phải là số", html);
        Assert.Contains("Vui lòng chọn một trong các lựa chọn có sẵn", html);
        Assert.Contains("“31/02/2026” không phải là ngày", html);
        Assert.Contains("không phải tài liệu PDF", html);
        Assert.Contains($"aria-describedby=\"r{fields[0].Id}-hint r{fields[0].Id}-error\"", html);
        Assert.Contains($"id=\"r{fields[0].Id}-error\"", html);
        // What was typed is shown again to correct.
        Assert.Contains("value=\"mười hai\"", html);

        var missing = await ReplyAsync(visitor, token, fields, new() { ["Ghi chú"] = "Chưa có số liệu" });
        Assert.Contains("Vui lòng nhập số.", await missing.Content.ReadAsStringAsync());

        Assert.Equal(0, await RepliesOfAsync(id));
        Assert.Equal(0, await site.WithDbAsync(db => db.NoticeReplyValues.CountAsync()) - await site.WithDbAsync(db => db.NoticeReplyValues.CountAsync(v => db.NoticeReplies.Any(r => r.Id == v.ReplyId && r.NoticeId != id))));
        Assert.Equal(filesBefore, (await site.Factory.Services.GetRequiredService<NoticeFiles>().Store.ListAsync(NoticeFiles.FolderFor(id))).Count);
    }

    [Fact]
    public async Task After_the_deadline_the_form_is_closed_and_a_reply_is_refused()
    {
        var (id, fields) = await DraftWithReplyFormAsync("605/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(10), ("vanthu@truong1.edu.vn", DeliveryStatus.Sent, true));
        using var visitor = site.Factory.CreateSiteClient();
        var token = site.TokenFor(rows[0]);
        var page = await visitor.GetStringAsync("/cong-van/xac-nhan/" + token);
        Assert.Contains("?handler=Reply", page);
        Assert.Equal(HttpStatusCode.OK, (await ReplyAsync(visitor, token, fields, Answer("40"))).StatusCode);
        // The deadline passes (the link itself still works for the grace period).
        await site.WithDbAsync(async db => { await db.Notices.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ResponseDeadlineUtc, DateTime.UtcNow.AddHours(-1))); return 0; });

        var closed = await visitor.GetStringAsync("/cong-van/xac-nhan/" + token);
        Assert.Contains("Đã quá hạn báo cáo: biểu mẫu đã đóng.", closed);
        Assert.Contains("Nội dung đơn vị đã gửi", closed);
        Assert.Contains("<dd>40</dd>", closed);
        Assert.DoesNotContain("?handler=Reply", closed);

        // A form kept open in a tab since before the deadline is posted anyway.
        var late = await ReplyAsync(visitor, token, fields, Answer("99"), pageWithForm: page);
        Assert.Contains("nội dung vừa gửi không được lưu", await late.Content.ReadAsStringAsync());
        Assert.Equal(1, await RepliesOfAsync(id));
    }

    [Fact]
    public async Task The_report_sums_figures_per_ward_and_the_exports_have_a_column_per_field()
    {
        var (id, fields) = await DraftWithReplyFormAsync("606/UBND-LĐTBXH");
        // Rows 1 and 2 are schools of Phường Bến Thành in the test directory; row 3 is a ward with none.
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(10),
            ("a@truong1.edu.vn", DeliveryStatus.Sent, true), ("b@truong2.edu.vn", DeliveryStatus.Sent, true), ("c@phuong3.gov.vn", DeliveryStatus.Sent, true),
            ("d@truong4.edu.vn", DeliveryStatus.Sent, true));
        using var visitor = site.Factory.CreateSiteClient();
        await ReplyAsync(visitor, site.TokenFor(rows[0]), fields, Answer("10"));
        await ReplyAsync(visitor, site.TokenFor(rows[1]), fields, Answer("2,5", "Chưa"));
        await ReplyAsync(visitor, site.TokenFor(rows[2]), fields, Answer("7"));

        var summary = await site.WithServicesAsync(sp => sp.GetRequiredService<Replies.ReplyReport>().BuildAsync(id, CancellationToken.None));
        Assert.Equal(3, summary.Replied);
        Assert.Equal(1, summary.Awaited);
        var benThanh = summary.Wards.Single(w => w.WardName == "Phường Bến Thành");
        Assert.Equal(2, benThanh.Replies);
        Assert.Equal(12.5m, benThanh.Sum(fields[0].Id));
        Assert.Equal(1, benThanh.Count(fields[1].Id, "Có"));
        Assert.Equal(1, benThanh.Count(fields[1].Id, "Chưa"));
        Assert.Equal(19.5m, summary.Total.Sum(fields[0].Id));
        var report = await site.Sender.GetStringAsync($"/admin/notices/{id}/report");
        Assert.Contains("data-ward=\"Phường Bến Thành\"", report);
        Assert.Contains("12,5", report);

        var csv = await site.Sender.Http.GetAsync($"/admin/notices/{id}/replies?handler=Csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Mã đơn vị,Đơn vị,Phường/xã,Thời điểm trả lời,Phiên bản,Người gửi,Số trẻ em được hỗ trợ,Đã tổ chức tuyên truyền?,Ngày tổ chức,Ghi chú,Biên bản", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("DV02,Trường Tiểu học số 2,Phường Bến Thành,", StringComparison.Ordinal) && l.Contains(",1,,2.5,Chưa,15/11/2026,Đã phối hợp với Hội phụ nữ,"));

        var xlsx = await site.Sender.Http.GetAsync($"/admin/notices/{id}/replies?handler=Xlsx");
        using var book = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        var sheet = book.Worksheet(1);
        Assert.Equal("Số trẻ em được hỗ trợ", sheet.Cell(3, 7).GetString());
        Assert.Equal("Biên bản", sheet.Cell(3, 11).GetString());
        var numbers = Enumerable.Range(4, 3).Select(r => sheet.Cell(r, 7).GetDouble()).Order().ToList();
        Assert.Equal([2.5, 7, 10], numbers);
        Assert.True(sheet.Cell(5, 7).DataType == XLDataType.Number);
    }

    [Fact]
    public async Task Reminders_say_a_reply_is_awaited_and_go_only_to_units_that_have_not_replied()
    {
        var (id, fields) = await DraftWithReplyFormAsync("607/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(2),
            ("da-tra-loi@truong1.edu.vn", DeliveryStatus.Sent, true), ("chua-tra-loi@truong2.edu.vn", DeliveryStatus.Sent, true), ("chua-nhan@phuong3.gov.vn", DeliveryStatus.Sent, false));
        using var visitor = site.Factory.CreateSiteClient();
        Assert.Equal(HttpStatusCode.OK, (await ReplyAsync(visitor, site.TokenFor(rows[0]), fields, Answer("5"))).StatusCode);

        await site.WithServicesAsync(sp => sp.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None));

        var mails = (Directory.Exists(site.Outbox) ? Directory.GetFiles(site.Outbox, "*.eml") : []).Select(f => MimeMessage.Load(f))
            .Where(m => m.MessageId != null && m.MessageId.StartsWith($"notice-{id}.", StringComparison.Ordinal) && m.MessageId.Contains(".reminder-")).ToList();
        Assert.Equal(["chua-nhan@phuong3.gov.vn", "chua-tra-loi@truong2.edu.vn"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(mails, m => Assert.Contains("cơ quan đang chờ báo cáo của đơn vị trước ngày", m.TextBody));
    }
}
