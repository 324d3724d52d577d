using System.Net;
using ChildProtection.Notices.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Tests;

/// <summary>/admin/notices/delivery-settings, in Vietnamese, for those who may send notices.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class DeliverySettingsPageTests(DeliverySite site) : IClassFixture<DeliverySite>
{
    private const string Page = "/admin/notices/delivery-settings";

    [Fact]
    public async Task Settings_are_shown_checked_in_vietnamese_and_saved()
    {
        var html = await site.Admin.GetStringAsync(Page);
        Assert.Contains("Cấu hình gửi công văn", html);
        Assert.Contains("Số kết nối song song cho mỗi công văn", html);

        var refused = await site.Admin.PostFormAsync(Page, new()
        {
            ["Connections"] = "11", ["ClaimSize"] = "0", ["RatePerMinute"] = "-5", ["MaxAttempts"] = "abc", ["BackoffBaseSeconds"] = "60",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Số kết nối phải là số nguyên từ 1 đến 10.", body);
        Assert.Contains("Số thư mỗi lượt phải là số nguyên từ 1 đến 500.", body);
        Assert.Contains("Giới hạn tốc độ phải là số nguyên từ 0 đến 100000 thư mỗi phút", body);
        Assert.Contains("Số lần thử phải là số nguyên từ 1 đến 50.", body);
        Assert.Contains("value=\"11\"", body); // what was typed comes back

        var saved = await site.Admin.PostFormAsync(Page, new()
        {
            ["Connections"] = "4", ["ClaimSize"] = "50", ["RatePerMinute"] = "1200", ["MaxAttempts"] = "5", ["BackoffBaseSeconds"] = "30",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await site.Factory.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().GetAsync());
        Assert.Equal((4, 50, 1200, 5, 30), (stored.Connections, stored.ClaimSize, stored.RatePerMinute, stored.MaxAttempts, stored.BackoffBaseSeconds));
        Assert.Contains("Đã lưu cấu hình gửi công văn.", await site.Admin.GetStringAsync(Page));
    }

    [Fact]
    public async Task Per_domain_limits_are_checked_at_the_field_in_vietnamese_and_saved_only_when_all_are_right()
    {
        var html = await site.Admin.GetStringAsync(Page);
        Assert.Contains("Giới hạn theo tên miền người nhận", html);
        Assert.Contains("Máy chủ thư của các trường học thường nhỏ", html);
        var before = await site.Factory.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().GetAsync());
        Dictionary<string, string> Form(params (string Name, string Value)[] rows)
        {
            var form = new Dictionary<string, string>
            {
                ["Connections"] = "2", ["ClaimSize"] = "50", ["RatePerMinute"] = "0", ["MaxAttempts"] = "8", ["BackoffBaseSeconds"] = "60",
                ["DomainLimitsShown"] = "1", ["DefaultDomainConnections"] = "0", ["DefaultDomainPerMinute"] = "0",
            };
            foreach (var (name, value) in rows) form[name] = value;
            return form;
        }

        var refused = await site.Admin.PostFormAsync(Page, Form(
            ("Domains[0].Domain", "hanoi.edu.vn"), ("Domains[0].Connections", "1"), ("Domains[0].PerMinute", "120"),
            ("Domains[1].Domain", "Hanoi.edu.vn"), ("Domains[1].Connections", "2"),
            ("Domains[2].Domain", "truong hoc.vn"), ("Domains[2].Connections", "101"), ("Domains[2].PerMinute", "-1"),
            ("Domains[3].Domain", "quan1.edu.vn"), ("Domains[3].Connections", "0"), ("Domains[3].PerMinute", ""),
            ("DefaultDomainPerMinute", "abc")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"Domains_1_Domain-error\">Tên miền hanoi.edu.vn bị nhập trùng.", body);
        Assert.Contains("id=\"Domains_2_Domain-error\">“truong hoc.vn” không phải là tên miền hợp lệ (ví dụ: hanoi.edu.vn).", body);
        Assert.Contains("id=\"Domains_2_Connections-error\">Số kết nối phải là số nguyên từ 0 đến 100 (0 là không giới hạn).", body);
        Assert.Contains("id=\"Domains_2_PerMinute-error\">Số thư mỗi phút phải là số nguyên từ 0 đến 100000 (0 là không giới hạn).", body);
        Assert.Contains("id=\"Domains_3_Connections-error\">Hãy đặt ít nhất một giới hạn cho tên miền này", body);
        Assert.Contains("Số thư mỗi phút mặc định cho mỗi tên miền phải là số nguyên từ 0 đến 100000", body);
        Assert.Contains("value=\"truong hoc.vn\"", body); // what was typed comes back
        var unchanged = await site.Factory.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().GetAsync());
        Assert.Equal(before.DomainLimits.Count, unchanged.DomainLimits.Count);

        // "Add a domain" shows one more blank row and saves nothing.
        var added = await site.Admin.PostFormAsync(Page + "?handler=AddDomain", Form(("Domains[0].Domain", "hanoi.edu.vn"), ("Domains[0].Connections", "1")), formPage: Page);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("name=\"Domains[1].Domain\"", await added.Content.ReadAsStringAsync());

        var saved = await site.Admin.PostFormAsync(Page, Form(
            ("Domains[0].Domain", " Hanoi.edu.vn "), ("Domains[0].Connections", "1"), ("Domains[0].PerMinute", "120"),
            ("Domains[1].Domain", "quan1.edu.vn"), ("Domains[1].Connections", "3"), ("Domains[1].Remove", "true"),
            ("Domains[2].Domain", "thcs.quan3.edu.vn"), ("Domains[2].PerMinute", "30"),
            ("Domains[3].Domain", ""), ("Domains[3].Connections", ""),
            ("DefaultDomainConnections", "5")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await site.Factory.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().GetAsync());
        Assert.Equal([("hanoi.edu.vn", 1, 120), ("thcs.quan3.edu.vn", 0, 30)], stored.DomainLimits.Select(d => (d.Domain, d.Connections, d.PerMinute)));
        Assert.Equal((5, 0), (stored.DefaultDomainConnections, stored.DefaultDomainPerMinute));
        Assert.Contains("value=\"thcs.quan3.edu.vn\"", await site.Admin.GetStringAsync(Page));

        // A form without the table (an older page) keeps the limits.
        var older = await site.Admin.PostFormAsync(Page, new()
        {
            ["Connections"] = "2", ["ClaimSize"] = "50", ["RatePerMinute"] = "0", ["MaxAttempts"] = "8", ["BackoffBaseSeconds"] = "60",
        });
        Assert.Equal(HttpStatusCode.Redirect, older.StatusCode);
        Assert.Equal(2, (await site.Factory.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().GetAsync())).DomainLimits.Count);
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_open_the_page()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync(Page)).StatusCode);
    }
}
