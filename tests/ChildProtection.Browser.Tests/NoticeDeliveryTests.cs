using System.Text.RegularExpressions;
using ChildProtection.Mail;
using ChildProtection.Testing;
using ChildProtection.Users.Data;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// The Labour &amp; Social Affairs office's whole errand in a real browser: import schools from an XLSX file,
/// make the group "all primary schools", write a notice with a PDF attached, send it through a real SMTP
/// server on loopback, watch the progress reach 100 %, open one school's personal link from the mail it
/// received, press "Đã nhận", and see the report count the acknowledgement.
/// </summary>
public sealed class NoticeDeliveryTests
{
    private const string Password = "Cong-van-2024!";

    [BrowserFact]
    public async Task A_notice_sender_imports_schools_sends_a_notice_and_sees_an_acknowledgement_in_the_report()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Jobs:PollSeconds"] = "1",
        });
        await PrepareAsync(site, smtp.Port);
        using var work = new TempFolder("cp-browser-files");
        var xlsx = Path.Combine(work.Path, "Danh sách trường.xlsx");
        WriteSchools(xlsx);
        var pdf = Path.Combine(work.Path, "Kế hoạch Tháng hành động.pdf");
        await File.WriteAllBytesAsync(pdf, System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));

        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} at {m.Location}"); };
        page.Response += (_, r) => { if (r.Status >= 500) errors.Add($"{r.Status} {r.Url}"); };
        // Sending asks "Gửi tới N địa chỉ?" first.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // 1. The notice sender signs in.
        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#UserName", "ldtbxh");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        // 2. Imports the schools: a preview first, then the good rows.
        await page.GotoAsync(site.Url("/admin/directory/import"));
        await page.SetInputFilesAsync("#file", xlsx);
        await page.ClickAsync("button.primary:has-text('Kiểm tra')");
        await page.WaitForSelectorAsync("#summary");
        var summary = await page.InnerTextAsync("#summary");
        Assert.Contains("5", summary);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Nhập')"));
        await page.GotoAsync(site.Url("/admin/directory?q=" + Uri.EscapeDataString("Tiểu học Phú Lợi")));
        Assert.Contains("Trường Tiểu học Phú Lợi", await page.InnerTextAsync("main"));

        // 3. Makes the group "all primary schools" (a rule, matched when the notice is sent).
        await page.GotoAsync(site.Url("/admin/directory/groups/edit"));
        await page.FillAsync("#Name", "Tất cả trường tiểu học");
        await page.CheckAsync("input[name=Kind][value=Rule]");
        await page.CheckAsync("input[name=RuleKinds][value=School]");
        await page.SelectOptionAsync("#RuleLevel", "Primary");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.DoesNotContain("field-error", await page.ContentAsync());

        // 4. Writes the notice, attaches the PDF, chooses the group.
        await page.GotoAsync(site.Url("/admin/notices/edit"));
        await page.FillAsync("#Input_Issuer", "UBND Phường Phú Lợi");
        await page.FillAsync("#Input_NumberSymbol", "2869/UBND-LĐTBXH");
        await page.FillAsync("#Input_IssuedOn", "2026-11-20");
        await page.FillAsync("#Input_IssuedPlace", "Phú Lợi");
        await page.FillAsync("#Input_Summary", "Triển khai Tháng hành động vì trẻ em năm 2027");
        await page.FillAsync("#Input_SignerTitle", "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH");
        await page.FillAsync("#Input_SignerName", "Nguyễn Văn Bình");
        await page.ClickAsync("#Input_BodyHtml ~ * button[data-command=source], button[data-command=source]");
        await page.FillAsync("#Input_BodyHtml", "<p>Đề nghị các trường <strong>phổ biến Tổng đài 111</strong> tới học sinh và phụ huynh.</p>");
        await page.FillAsync("#Input_Deadline", DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
        await page.CheckAsync("label:has-text('Tất cả trường tiểu học') input[name='Input.GroupIds']");
        await page.SetInputFilesAsync("#files", pdf);
        await page.ClickAsync("button.primary:has-text('Lưu')");
        await page.WaitForURLAsync(new Regex(@"/admin/notices/\d+$"));
        var noticeUrl = page.Url;
        // Three primary schools; the lower-secondary school and the ward are not in the group.
        Assert.Contains("3", await page.InnerTextAsync("#recipients-summary"));

        // 5. Sends it and watches the progress reach 100 %.
        // The post redirects back to the page we are on: wait for that navigation itself, not for a URL
        // that already matches before the click (which raced with the navigation under load).
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Gửi tới')"), new() { Url = noticeUrl });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-field=percent]')?.textContent.trim() === '100'", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.Equal("3", (await page.InnerTextAsync("[data-field=sent]")).Trim());
        Assert.Equal(3, smtp.Messages.Count);

        // 6. A school opens its personal link from the mail it received and acknowledges.
        var mail = smtp.Messages.Single(m => m.To.Mailboxes.Any(a => a.Address == "hieutruong@thphuloi.example.edu.vn"));
        Assert.Contains(mail.Attachments, a => a is MimePart p && p.FileName == "Kế hoạch Tháng hành động.pdf");
        var link = Regex.Match(mail.TextBody, @"https?://\S+/cong-van/xac-nhan/\S+").Value;
        Assert.False(string.IsNullOrEmpty(link), mail.TextBody);
        var school = await context.NewPageAsync();
        await school.GotoAsync(link);
        Assert.Contains("2869/UBND-LĐTBXH", await school.InnerTextAsync("body"));
        await school.RunAndWaitForNavigationAsync(() => school.ClickAsync("button:has-text('Đã nhận')"));
        Assert.Contains("xác nhận", (await school.InnerTextAsync("body")).ToLowerInvariant());

        // 7. The report counts it.
        await page.GotoAsync(noticeUrl + "/report");
        var report = await page.InnerTextAsync("main");
        Assert.Contains("Trường Tiểu học Phú Lợi", report);
        Assert.Matches(new Regex(@"1\s*/\s*3|33\s*%"), report);
        Assert.Empty(errors);
    }

    /// <summary>The office's account (role NoticeSender) and the SMTP server; the rest happens in the browser.</summary>
    private static async Task PrepareAsync(LiveSite site, int smtpPort)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var sender = new User { UserName = "ldtbxh", Email = "ldtbxh@example.gov.vn", EmailConfirmed = true };
        var created = await users.CreateAsync(sender, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(sender, "NoticeSender")).Succeeded);
        await scope.ServiceProvider.GetRequiredService<SmtpSettingsService>().SaveAsync(new SmtpSettings
        {
            Host = "127.0.0.1", Port = smtpPort, TlsMode = SmtpTlsMode.None, TimeoutSeconds = 20,
            SenderAddress = "vanthu@ldtbxh.example.gov.vn", SenderName = "Phòng Lao động – Thương binh và Xã hội",
        }, newPassword: null);
    }

    private static void WriteSchools(string path)
    {
        using var book = new XLWorkbook();
        var sheet = book.AddWorksheet("Đơn vị");
        string[] headers = ["Mã", "Tên", "Loại", "Cấp học", "Phường/Xã", "Địa chỉ", "Người liên hệ", "Chức vụ", "Email"];
        for (var c = 0; c < headers.Length; c++) sheet.Cell(1, c + 1).Value = headers[c];
        string[][] rows =
        [
            ["P-PL", "Phường Phú Lợi", "Phường", "", "", "Đường Phú Lợi", "Trần Thị Thu", "Cán bộ LĐTBXH", "vanphong@phuloi.example.gov.vn"],
            ["TH-PL", "Trường Tiểu học Phú Lợi", "Trường", "Tiểu học", "P-PL", "12 Huỳnh Văn Lũy", "Lê Văn Đức", "Hiệu trưởng", "hieutruong@thphuloi.example.edu.vn"],
            ["TH-HP", "Trường Tiểu học Hiệp Thành", "Trường", "Tiểu học", "P-PL", "", "Phạm Ngọc Ánh", "Hiệu trưởng", "thhiepthanh@example.edu.vn"],
            ["TH-DX", "Trường Tiểu học Định Hòa", "Trường", "Tiểu học", "P-PL", "", "Võ Thị Đào", "Phó hiệu trưởng", "thdinhhoa@example.edu.vn"],
            ["THCS-PL", "Trường THCS Phú Lợi", "Trường", "THCS", "P-PL", "", "Đặng Quốc Huy", "Hiệu trưởng", "thcsphuloi@example.edu.vn"],
        ];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++) sheet.Cell(r + 2, c + 1).Value = rows[r][c];
        book.SaveAs(path);
    }
}
