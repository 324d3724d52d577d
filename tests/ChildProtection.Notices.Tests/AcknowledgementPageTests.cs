using System.Net;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>The recipients' page behind the personal link, anonymous, on the whole site.</summary>
public sealed class AcknowledgementPageTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    private async Task<(int NoticeId, List<NoticeRecipient> Rows)> SentNoticeAsync(string number, NoticeStatus status = NoticeStatus.Completed)
    {
        var id = await CreateDraftAsync(site.Sender, number, [("Kế hoạch thực hiện.pdf", Pdf(3000))]);
        var rows = await site.SeedLedgerAsync(id, status, DateTime.UtcNow.AddDays(10),
            ("a@truong1.edu.vn", DeliveryStatus.Sent, false), ("b@truong2.edu.vn", DeliveryStatus.Sent, false));
        return (id, rows);
    }

    [Fact]
    public async Task Opening_the_link_shows_the_notice_and_its_attachments_but_does_not_acknowledge()
    {
        var (id, rows) = await SentNoticeAsync("401/UBND-LĐTBXH");
        using var visitor = site.Factory.CreateSiteClient();

        var response = await visitor.Http.GetAsync("/cong-van/xac-nhan/" + site.TokenFor(rows[0]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"vi\"", html);
        Assert.Contains("401/UBND-LĐTBXH", html);
        Assert.Contains("Trường Tiểu học số 1", html);
        Assert.Contains("triển khai ngay", html);
        Assert.Contains("Kế hoạch thực hiện.pdf", html);
        Assert.Contains(">Đã nhận<", html);
        Assert.DoesNotContain("_AdminLayout", html);
        Assert.DoesNotContain("admin.css", html);
        Assert.Null(await site.WithDbAsync(db => db.NoticeRecipients.Where(r => r.Id == rows[0].Id).Select(r => r.AcknowledgedUtc).FirstAsync()));
    }

    [Fact]
    public async Task An_attachment_downloads_with_its_name_and_type()
    {
        var (_, rows) = await SentNoticeAsync("402/UBND-LĐTBXH");
        var notice = (await site.FindNoticeAsync("402/UBND-LĐTBXH"))!;
        using var visitor = site.Factory.CreateSiteClient();

        var response = await visitor.Http.GetAsync($"/cong-van/xac-nhan/{site.TokenFor(rows[0])}/tep/{notice.Attachments.Single().Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Kế hoạch thực hiện.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/cong-van/xac-nhan/{site.TokenFor(rows[0])}/tep/999999")).StatusCode);
    }

    [Fact]
    public async Task Pressing_received_records_who_when_and_from_where_once_and_a_second_press_says_when()
    {
        var (id, rows) = await SentNoticeAsync("403/UBND-LĐTBXH");
        using var visitor = site.Factory.CreateSiteClient();
        var url = "/cong-van/xac-nhan/" + site.TokenFor(rows[1]);

        var first = await visitor.PostFormAsync(url, new() { ["Name"] = "Thầy Minh – Hiệu phó" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Cảm ơn: đơn vị đã xác nhận đã nhận lúc", await first.Content.ReadAsStringAsync());
        var row = await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().FirstAsync(r => r.Id == rows[1].Id));
        Assert.NotNull(row.AcknowledgedUtc);
        Assert.Equal("Thầy Minh – Hiệu phó", row.AcknowledgedBy);
        // AcknowledgedFrom is the client's IP: the in-process test server has none to give.

        // The page no longer has the form; a second press (another tab, a double click) posts anyway.
        var second = await visitor.PostFormAsync(url, new() { ["Name"] = "Người khác" }, "/cong-van/xac-nhan/" + site.TokenFor(rows[0]));
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Đơn vị đã xác nhận lúc", html);
        var again = await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().FirstAsync(r => r.Id == rows[1].Id));
        Assert.Equal(row.AcknowledgedUtc, again.AcknowledgedUtc);
        Assert.Equal("Thầy Minh – Hiệu phó", again.AcknowledgedBy);
        Assert.Equal(1, await site.WithDbAsync(db => db.NoticeEvents.CountAsync(e => e.NoticeId == id && e.Action == "Acknowledged")));
        // The other row is untouched.
        Assert.Null(await site.WithDbAsync(db => db.NoticeRecipients.Where(r => r.Id == rows[0].Id).Select(r => r.AcknowledgedUtc).FirstAsync()));
    }

    [Fact]
    public async Task An_expired_link_answers_410_in_vietnamese_naming_whom_to_contact()
    {
        var (_, rows) = await SentNoticeAsync("404/UBND-LĐTBXH");
        using var visitor = site.Factory.CreateSiteClient();
        var token = site.TokenFor(rows[0], new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var response = await visitor.Http.GetAsync("/cong-van/xac-nhan/" + token);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Liên kết đã hết hạn", html);
        Assert.Contains("ldtbxh@benthanh.example.gov.vn", html);
        Assert.DoesNotContain(">Đã nhận<", html);
    }

    [Fact]
    public async Task A_tampered_link_answers_404_in_vietnamese_and_cannot_acknowledge()
    {
        var (_, rows) = await SentNoticeAsync("405/UBND-LĐTBXH");
        using var visitor = site.Factory.CreateSiteClient();
        var token = site.TokenFor(rows[0]);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        var response = await visitor.Http.GetAsync("/cong-van/xac-nhan/" + tampered);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Liên kết không hợp lệ", await response.Content.ReadAsStringAsync());

        // The antiforgery token is the visitor's, not the page's: borrow it from the other (valid) link's form.
        var post = await visitor.PostFormAsync("/cong-van/xac-nhan/" + tampered, new() { ["Name"] = "x" }, "/cong-van/xac-nhan/" + site.TokenFor(rows[1]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await site.WithDbAsync(db => db.NoticeRecipients.Where(r => r.Id == rows[0].Id).Select(r => r.AcknowledgedUtc).FirstAsync()));
    }

    [Fact]
    public async Task The_test_message_link_explains_it_was_a_test()
    {
        using var visitor = site.Factory.CreateSiteClient();
        var response = await visitor.Http.GetAsync("/cong-van/xac-nhan/thu-nghiem");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("thư thử", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_link_of_a_cancelled_notice_says_it_was_withdrawn()
    {
        var (_, rows) = await SentNoticeAsync("406/UBND-LĐTBXH", NoticeStatus.Cancelled);
        using var visitor = site.Factory.CreateSiteClient();
        var response = await visitor.Http.GetAsync("/cong-van/xac-nhan/" + site.TokenFor(rows[0]));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Công văn đã được thu hồi", await response.Content.ReadAsStringAsync());
    }
}
