using System.Net;
using ChildProtection.Web.Tests;
using SmtpServer.Protocol;

namespace ChildProtection.Mail.Tests;

/// <summary>/admin/mail on the whole site, as a signed-in administrator (the site answers in Vietnamese).</summary>
public sealed class MailAdminPageTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private string Outbox => Path.Combine(site.Factory.DataPath, "outbox");

    [Fact]
    public async Task Without_smtp_the_page_says_mail_goes_to_the_outbox_and_a_test_lands_there()
    {
        var get = await site.Admin.Http.GetAsync("/admin/mail");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var page = await get.Content.ReadAsStringAsync();
        Assert.Contains("/_content/ChildProtection.Admin/css/admin.css", page);
        Assert.Contains("Chưa cấu hình máy chủ SMTP", page);
        Assert.Contains(Outbox, page);

        var response = await site.Admin.PostFormAsync("/admin/mail?handler=Test", new() { ["TestAddress"] = "canbo@phuong-bendghe.example.gov.vn" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("đã được ghi vào thư mục hộp thư đi", await response.Content.ReadAsStringAsync());
        Assert.Contains(Directory.GetFiles(Outbox, "*.eml"), f => File.ReadAllText(f).Contains("canbo@phuong-bendghe.example.gov.vn"));
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_vietnamese_messages()
    {
        var response = await site.Admin.PostFormAsync("/admin/mail?handler=Save", new()
        {
            ["Host"] = "smtp example", ["Port"] = "70000", ["TlsMode"] = "StartTls", ["TimeoutSeconds"] = "30", ["SenderAddress"] = "not-an-address",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Cổng phải là số nguyên từ 1 đến 65535", html);
        Assert.Contains("Máy chủ SMTP phải là tên máy hoặc địa chỉ IP", html);
        Assert.Contains("Địa chỉ người gửi không phải là địa chỉ thư điện tử hợp lệ", html);
    }

    [Fact]
    public async Task Saved_smtp_settings_are_used_by_the_test_send_and_the_servers_refusal_is_shown()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(_ => new SmtpResponse((SmtpReplyCode)550, "5.1.1 Hop thu khong ton tai"));
        var saved = await site.Admin.PostFormAsync("/admin/mail?handler=Save", new()
        {
            ["Host"] = "127.0.0.1", ["Port"] = server.Port.ToString(), ["TlsMode"] = "None", ["TimeoutSeconds"] = "10",
            ["SenderAddress"] = "vanthu@ldtbxh.example.gov.vn", ["SenderName"] = "Phòng LĐTBXH",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        try
        {
            var page = await site.Admin.GetStringAsync("/admin/mail");
            Assert.DoesNotContain("Chưa cấu hình máy chủ SMTP", page);

            var response = await site.Admin.PostFormAsync("/admin/mail?handler=Test", new() { ["TestAddress"] = "khongco@example.edu.vn" });

            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Thư thử bị từ chối", html);
            Assert.Contains("5.1.1 Hop thu khong ton tai", html);
        }
        finally
        {
            // Back to the outbox for the other tests of this site.
            await site.Admin.PostFormAsync("/admin/mail?handler=Save", new() { ["Host"] = "", ["Port"] = "587", ["TlsMode"] = "StartTls", ["TimeoutSeconds"] = "30" });
        }
    }

    [Fact]
    public async Task The_dkim_page_makes_a_key_shows_the_dns_record_checks_it_and_refuses_bad_input_in_vietnamese()
    {
        var empty = await site.Admin.GetStringAsync("/admin/mail/dkim");
        Assert.Contains("Thư gửi đi không được ký", empty);
        Assert.Contains("Chưa có khoá", empty);

        var refused = await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Save", new() { ["Domain"] = "ldtbxh", ["Selector"] = "cp 2026!", ["Enabled"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Tên miền ký phải là một tên miền", html);
        Assert.Contains("Bộ chọn chỉ gồm chữ a–z", html);
        Assert.Contains("Hãy tạo hoặc nhập khoá trước khi bật ký thư", html);

        var badKey = await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Import", new() { ["PrivateKeyPem"] = "-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badKey.StatusCode);
        Assert.Contains("Đây không phải khoá bí mật RSA dạng PEM", await badKey.Content.ReadAsStringAsync());

        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Generate", new())).StatusCode);
            var saved = await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Save", new() { ["Domain"] = "LDTBXH.example.gov.vn", ["Selector"] = "cp2026", ["Enabled"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            var page = await site.Admin.GetStringAsync("/admin/mail/dkim");
            Assert.Contains("Thư gửi đi được ký với tên miền ldtbxh.example.gov.vn (bộ chọn cp2026)", page);
            Assert.Contains("cp2026._domainkey.ldtbxh.example.gov.vn", page);
            Assert.Contains("v=DKIM1; k=rsa; p=MIIBIj", page);
            Assert.Contains("Khoá RSA 2048 bit", page);
            Assert.DoesNotContain("PRIVATE KEY", page);

            var check = await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Check", new());
            Assert.Contains("khớp với bản ghi bên dưới: chữ ký hợp lệ", await check.Content.ReadAsStringAsync());

            // The site's own mail (here: the outbox) now goes out signed.
            await site.Admin.PostFormAsync("/admin/mail?handler=Test", new() { ["TestAddress"] = "dkim@phuong-bendghe.example.gov.vn" });
            Assert.Contains(Directory.GetFiles(Outbox, "*.eml"), f => File.ReadAllText(f) is var eml && eml.Contains("dkim@phuong-bendghe.example.gov.vn") && eml.Contains("DKIM-Signature:"));
        }
        finally
        {
            await site.Admin.PostFormAsync("/admin/mail/dkim?handler=Save", new() { ["Domain"] = "", ["Selector"] = "" });
        }
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_open_the_page()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync("/admin/mail");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
