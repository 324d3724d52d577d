using System.Net;
using ChildProtection.Events.Data;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>A school registers through the event page; the waiting list moves up on cancellation; e-mails reach the outbox; bad input is refused with nothing saved.</summary>
public sealed class RegistrationTests(EventsSite site) : IClassFixture<EventsSite>
{
    private static Dictionary<string, string> Form(string organisation, string email, string participants, string contact = "Nguyễn Thị Lan") => new()
    {
        ["Organisation"] = organisation, ["ContactName"] = contact, ["Email"] = email, ["Phone"] = "0274 3822 111", ["Participants"] = participants,
    };

    private static async Task<HttpResponseMessage> RegisterAsync(SiteClient client, string path, Dictionary<string, string> fields) =>
        await client.PostFormAsync($"/{path}/dang-ky", fields, formPage: "/" + path);

    [Fact]
    public async Task A_school_registers_is_confirmed_by_email_and_can_cancel_with_its_link_and_the_waiting_list_moves_up()
    {
        var item = await site.EventAsync("Tập huấn kỹ năng sơ cứu cho giáo viên", EventsSite.Local(20, 8), EventsSite.Local(20, 11, 30), capacity: 30);
        using var school = site.Anonymous();

        var first = await RegisterAsync(school, item.Path!, Form("Trường Tiểu học Phú Lợi", "thphuloi@example.edu.vn", "25"));
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        var manage = first.Headers.Location!.OriginalString;
        Assert.StartsWith("/su-kien/dang-ky/", manage);
        var confirmation = await school.GetStringAsync(manage);
        Assert.Contains("Đăng ký thành công", confirmation);
        Assert.Contains("Trường Tiểu học Phú Lợi", confirmation);

        // Ten more people than places left: on the waiting list, not refused.
        using var other = site.Anonymous();
        var second = await RegisterAsync(other, item.Path!, Form("Trường THCS Phú Hoà", "thcsphuhoa@example.edu.vn", "10", "Lý Văn Tâm"));
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        var waitingPage = await other.GetStringAsync(second.Headers.Location!.OriginalString);
        Assert.Contains("vị trí thứ 1", waitingPage);

        var registrations = await site.RegistrationsAsync(item.ContentItemId);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waiting], registrations.Select(r => r.Status));
        Assert.Equal(25, (await site.EntryAsync(item.ContentItemId)).Taken);
        var page = await school.GetStringAsync("/" + item.Path);
        Assert.Contains("Còn <strong>5</strong> / 30 chỗ", page);

        var confirmed = await site.MailsAsync("Trường Tiểu học Phú Lợi", 1);
        var mail = Assert.Single(confirmed, m => m.StartsWith("[Bảo vệ trẻ em thành phố] Xác nhận đăng ký: Tập huấn kỹ năng sơ cứu cho giáo viên"));
        Assert.Contains(EventsSite.Local(20, 8).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) + ", 08:00 – 11:30", mail);
        // The link in the e-mail is the registrant's own page (a token made afresh, equally valid).
        var link = System.Text.RegularExpressions.Regex.Match(mail, @"https?://[^/\s]+(/su-kien/dang-ky/[A-Za-z0-9_\-]+)").Groups[1].Value;
        Assert.Contains("Trường Tiểu học Phú Lợi", await school.GetStringAsync(link));
        Assert.NotEmpty(await site.MailsAsync("Trong danh sách chờ: Tập huấn kỹ năng sơ cứu", 1));

        // The registrant cancels through the personal link: the 25 places go, the waiting school moves up.
        var cancelled = await school.PostFormAsync(manage, []);
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Contains("Đăng ký này đã được hủy", await school.GetStringAsync(manage));
        registrations = await site.RegistrationsAsync(item.ContentItemId);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed], registrations.Select(r => r.Status));
        Assert.Equal(10, (await site.EntryAsync(item.ContentItemId)).Taken);
        Assert.NotEmpty(await site.MailsAsync("Đã có chỗ cho bạn: Tập huấn kỹ năng sơ cứu", 1));
        Assert.NotEmpty(await site.MailsAsync("Đã hủy đăng ký: Tập huấn kỹ năng sơ cứu", 1));

        // A changed or made-up link shows nothing of anyone.
        var altered = manage[..^10] + (manage[^10] == 'A' ? 'B' : 'A') + manage[^9..];
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync(altered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync("/su-kien/dang-ky/1")).StatusCode);
    }

    [Fact]
    public async Task The_attendee_list_exports_as_csv_and_xlsx_and_an_editor_can_cancel_on_someones_behalf()
    {
        var item = await site.EventAsync("Hội thảo cha mẹ đồng hành cùng con", EventsSite.Local(25, 14), EventsSite.Local(25, 16), kind: "workshop", capacity: 2);
        using var a = site.Anonymous();
        await RegisterAsync(a, item.Path!, Form("Lớp 5A, Trường Tiểu học Chánh Hiệp", "lop5a@example.edu.vn", "2", "=HYPERLINK(\"x\")"));
        using var b = site.Anonymous();
        await RegisterAsync(b, item.Path!, Form("Nhóm cha mẹ khu phố 3", "chame.kp3@example.vn", "1"));

        var csv = await site.Admin.Http.GetAsync($"/admin/events/{item.ContentItemId}/registrations?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains("Lớp 5A, Trường Tiểu học Chánh Hiệp", text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Contains("Danh sách chờ", text);

        var xlsx = await site.Admin.Http.GetAsync($"/admin/events/{item.ContentItemId}/registrations?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(await xlsx.Content.ReadAsStreamAsync()))
        {
            var sheet = workbook.Worksheet(1);
            Assert.Equal("Trường, lớp hoặc nhóm", sheet.Cell(1, 2).GetString());
            Assert.Equal("Lớp 5A, Trường Tiểu học Chánh Hiệp", sheet.Cell(2, 2).GetString());
        }

        var list = await site.Admin.GetStringAsync($"/admin/events/{item.ContentItemId}/registrations");
        Assert.Contains("Nhóm cha mẹ khu phố 3", list);
        var first = (await site.RegistrationsAsync(item.ContentItemId))[0];
        var url = $"/admin/events/{item.ContentItemId}/registrations?handler=Cancel";
        var response = await site.Admin.PostFormAsync(url, new() { ["registrationId"] = first.Id.ToString() }, formPage: $"/admin/events/{item.ContentItemId}/registrations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statuses = (await site.RegistrationsAsync(item.ContentItemId)).Select(r => r.Status).ToList();
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed], statuses);

        // Exports and cancellations are in the audit trail.
        var audit = await site.Admin.GetStringAsync("/admin/audit");
        Assert.Contains("Xuất danh sách đăng ký sự kiện", audit);
        Assert.Contains("Hủy đăng ký sự kiện", audit);

        using var anonymous = site.Anonymous();
        var denied = await anonymous.Http.GetAsync($"/admin/events/{item.ContentItemId}/registrations?handler=Csv");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task Registering_more_people_than_the_event_holds_is_refused_with_a_clear_message_and_nothing_saved()
    {
        var item = await site.EventAsync("Nói chuyện chuyên đề an toàn trên mạng", EventsSite.Local(15, 8), EventsSite.Local(15, 10), kind: "talk", capacity: 40);
        using var client = site.Anonymous();
        var response = await RegisterAsync(client, item.Path!, Form("Trường THPT Bình Phú", "thptbinhphu@example.edu.vn", "41"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sự kiện chỉ có tất cả 40 chỗ; mỗi đăng ký tối đa 40 người.", html);
        Assert.Contains("value=\"Trường THPT Bình Phú\"", html);
        Assert.Empty(await site.RegistrationsAsync(item.ContentItemId));
        Assert.Equal(0, (await site.EntryAsync(item.ContentItemId)).Taken);
    }

    [Fact]
    public async Task Registering_after_the_window_is_refused_with_the_deadline_and_nothing_saved()
    {
        var item = await site.EventAsync("Tọa đàm phòng chống bạo lực học đường", EventsSite.Local(10, 8), EventsSite.Local(10, 11), kind: "seminar", capacity: 50,
            closesLocal: EventsSite.Local(-1, 17));
        using var client = site.Anonymous();
        var page = await client.GetStringAsync("/" + item.Path);
        Assert.Contains("Đã hết hạn đăng ký lúc", page);
        Assert.DoesNotContain("name=\"Participants\"", page);

        // A form kept open in another tab (or a script) still posts: refused on the server all the same.
        var token = await client.FetchFormTokenAsync();
        var response = await client.Http.PostAsync($"/{item.Path}/dang-ky", new FormUrlEncodedContent(new Dictionary<string, string>(Form("Trường THCS Nguyễn Viết Xuân", "thcsnvx@example.edu.vn", "5"))
        {
            ["__RequestVerificationToken"] = token ?? "",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Đã hết hạn đăng ký lúc " + EventsSite.Local(-1, 17).ToString("dd/MM/yyyy HH:mm"), await response.Content.ReadAsStringAsync());
        Assert.Empty(await site.RegistrationsAsync(item.ContentItemId));
    }

    [Theory]
    [InlineData("khong-phai-email", "5", "Email", "không phải là địa chỉ thư điện tử")]
    [InlineData("a@b", "5", "Email", "không phải là địa chỉ thư điện tử")]
    [InlineData("truong@example.edu.vn", "-3", "Participants", "Số người tham dự phải là số nguyên dương")]
    [InlineData("truong@example.edu.vn", "0", "Participants", "Số người tham dự phải là số nguyên dương")]
    [InlineData("truong@example.edu.vn", "mười", "Participants", "không phải là số nguyên")]
    [InlineData("truong@example.edu.vn", "", "Participants", "Hãy nhập số người tham dự")]
    public async Task A_bad_email_or_count_is_refused_beside_its_field_and_nothing_is_saved(string email, string count, string field, string message)
    {
        var item = await site.EventAsync($"Sinh hoạt chủ đề quyền trẻ em {Guid.NewGuid():N}"[..44], EventsSite.Local(12, 14), EventsSite.Local(12, 16), kind: "session", capacity: 100);
        using var client = site.Anonymous();
        var response = await RegisterAsync(client, item.Path!, Form("Trường Mầm non Hoa Mai", email, count));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains(field == "Email" ? "id=\"dk-email-loi\"" : "id=\"dk-so-nguoi-loi\"", html);
        Assert.Empty(await site.RegistrationsAsync(item.ContentItemId));
        Assert.Equal(0, (await site.EntryAsync(item.ContentItemId)).Taken);
    }

    [Fact]
    public async Task A_signed_in_account_finds_its_email_filled_in()
    {
        var item = await site.EventAsync("Tập huấn cho cán bộ phường", EventsSite.Local(16, 8), EventsSite.Local(16, 11), kind: "training");
        var page = await site.Admin.GetStringAsync("/" + item.Path);
        Assert.Contains("value=\"quantri@example.org\"", page);
        using var anonymous = site.Anonymous();
        Assert.DoesNotContain("quantri@example.org", await anonymous.GetStringAsync("/" + item.Path));
    }

    [Fact]
    public async Task More_places_move_the_waiting_list_up_and_cancelling_the_event_tells_every_registrant()
    {
        var item = await site.EventAsync("Sinh hoạt chủ đề phòng chống đuối nước", EventsSite.Local(18, 14), EventsSite.Local(18, 16), kind: "session", capacity: 3);
        using var a = site.Anonymous();
        Assert.Equal(HttpStatusCode.SeeOther, (await RegisterAsync(a, item.Path!, Form("Lớp 4A", "lop4a@example.edu.vn", "3"))).StatusCode);
        using var b = site.Anonymous();
        Assert.Equal(HttpStatusCode.SeeOther, (await RegisterAsync(b, item.Path!, Form("Lớp 4B", "lop4b@example.edu.vn", "2"))).StatusCode);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waiting], (await site.RegistrationsAsync(item.ContentItemId)).Select(r => r.Status));

        // The editor finds a bigger room: five places; the class waiting moves up by itself.
        await ChangeAsync(item.ContentItemId, part => part["Capacity"] = 5m);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed], (await site.RegistrationsAsync(item.ContentItemId)).Select(r => r.Status));
        Assert.Equal(5, (await site.EntryAsync(item.ContentItemId)).Taken);
        Assert.NotEmpty(await site.MailsAsync("Đã có chỗ cho bạn: Sinh hoạt chủ đề phòng chống đuối nước", 1));

        await ChangeAsync(item.ContentItemId, part => { part["Cancelled"] = true; part["CancellationReason"] = "Mưa bão, trường cho học sinh nghỉ"; });
        var told = await site.MailsAsync("Sự kiện bị hủy: Sinh hoạt chủ đề phòng chống đuối nước", 2);
        Assert.Equal(2, told.Count);
        Assert.All(told, m => Assert.Contains("Mưa bão, trường cho học sinh nghỉ", m));
        using var late = site.Anonymous();
        var page = await late.GetStringAsync("/" + item.Path);
        Assert.Contains("Sự kiện đã bị hủy.", page);
        Assert.DoesNotContain("name=\"Participants\"", page);
    }

    private async Task ChangeAsync(string id, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<ChildProtection.Core.Contents.IContentManager>();
        var item = (await contents.GetAsync(id, ChildProtection.Core.Contents.VersionOptions.Latest))!;
        change(item.GetOrCreatePart("EventPart"));
        var result = await contents.SaveAsync(item, new ChildProtection.Core.Contents.SaveOptions { Publish = true, User = SiteFactory.AdminUser });
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.Format())));
    }
}
