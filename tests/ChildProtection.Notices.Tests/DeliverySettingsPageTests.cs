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
    public async Task Anonymous_visitors_cannot_open_the_page()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync(Page)).StatusCode);
    }
}
