using System.Net;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>Liquid placeholders in a notice's subject and body: rendered per recipient, checked at save, previewed as one recipient.</summary>
public sealed class PersonalFieldsTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    private const string PersonalBody =
        "<p>Kính gửi {{ nguoi_nhan }} – {{ ten_don_vi }} (mã {{ ma_don_vi }}, {{ phuong_xa }}).</p><p>Hạn: {{ han_xac_nhan }}. Xác nhận tại {{ duong_dan_xac_nhan }}</p><p>{{ ten_don_vi | upcase }}</p>";

    [Fact]
    public async Task Each_recipient_gets_its_own_values_encoded_in_the_html_and_plain_in_the_subject_and_text()
    {
        var deadline = new DateTime(2027, 3, 5, 16, 59, 59, DateTimeKind.Utc);
        var notice = new Notice
        {
            Id = 9001, Issuer = "UBND Phường Bến Thành", NumberSymbol = "901/UBND-VHXH", Summary = "V/v báo cáo",
            Subject = "{{ ten_don_vi }}: báo cáo trước {{ han_xac_nhan }}", BodyHtml = PersonalBody, ResponseDeadlineUtc = deadline,
            SendingStartedUtc = DateTime.UtcNow,
        };
        var (first, second) = await site.WithServicesAsync(async sp =>
        {
            var composer = sp.GetRequiredService<NoticeMessageComposer>();
            var settings = await sp.GetRequiredService<ISiteSettingsService>().GetAsync();
            var a = composer.Compose(notice, new NoticeAddressee(11, "a@truong.edu.vn", "Cô Lan <Hiệu trưởng>", "Trường <Tiểu học> Lê Văn Tám & Co")
                { OrganisationCode = "TH-LVT", Ward = "Phường Bến Thành" }, NoticeMessageKind.Notice, settings, "https://treem.example.gov.vn");
            var b = composer.Compose(notice, new NoticeAddressee(12, "b@truong.edu.vn", null, "Trường Tiểu học Nguyễn Du")
                { OrganisationCode = "TH-ND", Ward = "Phường Đa Kao" }, NoticeMessageKind.Reminder, settings, "https://treem.example.gov.vn", 1);
            return (a, b);
        });

        // Subject and text: as they are, diacritics and "<" included.
        Assert.Equal("Trường <Tiểu học> Lê Văn Tám & Co: báo cáo trước 05/03/2027", first.Subject);
        Assert.Contains("Kính gửi Cô Lan <Hiệu trưởng> – Trường <Tiểu học> Lê Văn Tám & Co (mã TH-LVT, Phường Bến Thành).", first.TextBody);
        Assert.Contains("TRƯỜNG <TIỂU HỌC> LÊ VĂN TÁM & CO", first.TextBody);
        // HTML: encoded, the Vietnamese letters left as letters.
        Assert.Contains("Kính gửi Cô Lan &lt;Hiệu trưởng&gt; – Trường &lt;Tiểu học&gt; Lê Văn Tám &amp; Co (mã TH-LVT, Phường Bến Thành).", first.HtmlBody);
        Assert.DoesNotContain("<Tiểu học>", first.HtmlBody);
        Assert.DoesNotContain("{{", first.HtmlBody + first.TextBody + first.Subject);
        Assert.Contains("<title>Trường &lt;Tiểu học&gt; Lê Văn Tám &amp; Co: báo cáo trước 05/03/2027</title>", first.HtmlBody);
        // The personal link is the recipient's own, in both parts.
        var tokens = site.Factory.Services.GetRequiredService<AcknowledgementTokens>();
        var link = first.TextBody!.Split("Xác nhận tại ")[1].Split('\n')[0].Trim();
        Assert.StartsWith("https://treem.example.gov.vn" + NoticeMessageComposer.AcknowledgementPath, link);
        Assert.Equal(11, tokens.Read(link[(link.LastIndexOf('/') + 1)..]).RecipientId);
        Assert.Contains(WebUtility.HtmlEncode(link), first.HtmlBody);

        // Another recipient, another message from the same parsed templates; no contact name: the unit's name.
        Assert.EndsWith("] Trường Tiểu học Nguyễn Du: báo cáo trước 05/03/2027", second.Subject);
        Assert.Contains("Kính gửi Trường Tiểu học Nguyễn Du – Trường Tiểu học Nguyễn Du (mã TH-ND, Phường Đa Kao).", second.TextBody);
        Assert.DoesNotContain("Lê Văn Tám", second.HtmlBody);
        var secondLink = second.TextBody!.Split("Xác nhận tại ")[1].Split('\n')[0].Trim();
        Assert.Equal(12, tokens.Read(secondLink[(secondLink.LastIndexOf('/') + 1)..]).RecipientId);
    }

    [Theory]
    [InlineData("Input.BodyHtml", "<p>Kính gửi {{ ten_truong }}</p>", "ten_truong")]
    [InlineData("Input.Subject", "Gửi {{ donvi }}", "donvi")]
    [InlineData("Input.BodyHtml", "<p>{{ ten_don_vi.size }}</p>", "ten_don_vi.size")]
    [InlineData("Input.BodyHtml", "<p>{% for x in site %}{{ x }}{% endfor %}</p>", "for")]
    [InlineData("Input.BodyHtml", "<p>Kính gửi {{ ten_don_vi </p>", "Không đọc được các trường cá nhân hóa")]
    public async Task A_placeholder_that_is_not_allowed_is_refused_at_save_at_its_field_and_nothing_is_saved(string field, string value, string named)
    {
        var before = await site.WithDbAsync(db => db.Notices.CountAsync());
        var fields = ValidDraft("902/UBND-VHXH");
        fields.Set(field, value);

        var response = await PostDraftAsync(site.Sender, fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(named, html);
        // The message sits at the field (its error paragraph) as well as in the summary.
        var fieldName = field["Input.".Length..];
        Assert.Contains($"href=\"#Input_{fieldName}\"", html);
        Assert.Matches("(Không có trường cá nhân hóa|Chỉ được dùng trường|Không đọc được)", html);
        Assert.Equal(before, await site.WithDbAsync(db => db.Notices.CountAsync()));
    }

    [Fact]
    public async Task Allowed_placeholders_are_saved_and_a_draft_saved_with_a_bad_one_cannot_be_sent()
    {
        var id = await CreateDraftAsync(site.Sender, "903/UBND-VHXH", change: f => f.Set("Input.BodyHtml", "<p>Kính gửi {{ nguoi_nhan | default: &quot;Ban Giám hiệu&quot; }}, {{ ten_don_vi }}</p>"));
        Assert.Contains("{{ ten_don_vi }}", await site.WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.BodyHtml).FirstAsync()));

        // A draft from before the check (written straight to the database) is stopped at the step that sends.
        await site.WithDbAsync(db => db.Notices.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.BodyHtml, "<p>{{ mat_khau }}</p>")));
        var version = await site.WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.Version).FirstAsync());
        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version.ToString(), ["when"] = "now" }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = WebUtility.HtmlDecode(await site.Sender.GetStringAsync($"/admin/notices/{id}"));
        Assert.Contains("mat_khau", page);
        Assert.Equal(NoticeStatus.Draft, await site.WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.Status).FirstAsync()));
        Assert.Equal(0, await site.WithDbAsync(db => db.NoticeRecipients.CountAsync(r => r.NoticeId == id)));
    }

    [Fact]
    public async Task The_preview_shows_the_message_as_the_chosen_recipient_and_the_test_send_carries_its_values()
    {
        var id = await CreateDraftAsync(site.Sender, "904/UBND-VHXH", change: f =>
        {
            f.Set("Input.Subject", "Gửi {{ ten_don_vi }}");
            f.Set("Input.BodyHtml", PersonalBody);
        });

        // The editor lists the placeholders with their Vietnamese meaning.
        var editor = await site.Sender.GetStringAsync($"/admin/notices/edit/{id}");
        Assert.Contains("data-insert=\"{{ phuong_xa }}\"", editor);
        Assert.Contains("Phường/xã của đơn vị nhận", editor);

        var page = WebUtility.HtmlDecode(await site.Sender.GetStringAsync($"/admin/notices/{id}/preview"));
        // Default: the first of the notice's recipients (by unit name).
        Assert.Contains("Gửi Trường Tiểu học Lê Văn Tám", page);
        Assert.Contains("<option value=\"vanthu@nguyendu.edu.vn\"", page);

        var chosen = WebUtility.HtmlDecode(await site.Sender.GetStringAsync($"/admin/notices/{id}/preview?to=vanthu@nguyendu.edu.vn"));
        Assert.Contains("Gửi Trường Tiểu học Nguyễn Du", chosen);
        Assert.Contains("Kính gửi Văn thư – Trường Tiểu học Nguyễn Du (mã TH-ND, Phường Bến Thành).", chosen);
        Assert.Contains("preview?handler=Html&to=vanthu%40nguyendu.edu.vn", chosen);
        var html = await site.Sender.GetStringAsync($"/admin/notices/{id}/preview?handler=Html&to=vanthu%40nguyendu.edu.vn");
        Assert.Contains("Kính gửi Văn thư – Trường Tiểu học Nguyễn Du (mã TH-ND, Phường Bến Thành).", html);
        Assert.Contains("TRƯỜNG TIỂU HỌC NGUYỄN DU", html);

        var response = await site.Sender.PostFormAsync($"/admin/notices/{id}?handler=Test", new() { ["sample"] = "vanthu@nguyendu.edu.vn" }, $"/admin/notices/{id}/preview");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = Directory.GetFiles(site.Outbox, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Subject == "[Thư thử] Gửi Trường Tiểu học Nguyễn Du");
        Assert.Equal("guicongvan@ldtbxh.example.gov.vn", mail.To.Mailboxes.Single().Address);
        Assert.Contains("(mã TH-ND, Phường Bến Thành)", mail.TextBody);
        Assert.Contains("/cong-van/xac-nhan/thu-nghiem", mail.TextBody);
    }

    [Fact]
    public async Task Reminders_carry_the_same_personal_values()
    {
        var id = await CreateDraftAsync(site.Sender, "905/UBND-VHXH", change: f =>
        {
            f.Set("Input.Subject", "Nhắc {{ ma_don_vi }}");
            f.Set("Input.BodyHtml", PersonalBody);
        });
        await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(2), ("nhac-1@truong.edu.vn", DeliveryStatus.Sent, false));

        await site.WithServicesAsync(sp => sp.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None));

        var reminder = Directory.GetFiles(site.Outbox, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.MessageId?.StartsWith($"notice-{id}.", StringComparison.Ordinal) == true && m.MessageId.Contains(".reminder-"));
        Assert.EndsWith("Nhắc DV01", reminder.Subject);
        Assert.Contains("Kính gửi Văn thư – Trường Tiểu học số 1 (mã DV01, Phường Bến Thành).", reminder.TextBody);
        Assert.Contains("https://treem.example.gov.vn" + NoticeMessageComposer.AcknowledgementPath, reminder.TextBody);
    }
}
