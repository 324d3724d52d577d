using System.Net;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>The Event type in the admin's generated editor: times typed in the site's zone, and an event ending before it starts refused with nothing saved.</summary>
public sealed class EditorTests(EventsSite site) : IClassFixture<EventsSite>
{
    private static Dictionary<string, string> Fields(string title, string start, string end) => new()
    {
        ["TitlePart.Title"] = title,
        ["RoutePart.Path"] = "",
        ["SummaryPart.Summary"] = "Tập huấn cho cộng tác viên.",
        ["EventPart.Kind"] = "training",
        ["EventPart.StartUtc"] = start,
        ["EventPart.EndUtc"] = end,
        ["EventPart.Venue"] = "Nhà văn hóa khu phố 5",
        ["EventPart.Capacity"] = "35",
        ["EventPart.RegistrationEnabled"] = "true",
        ["EventPart.Agenda"] = "14:00 | Khai mạc | Ban tổ chức\n14:15 | Kỹ năng lắng nghe trẻ",
        ["BodyPart.Html"] = "<p>Mang theo sổ tay.</p>",
    };

    [Fact]
    public async Task An_event_ending_before_it_starts_is_refused_with_a_clear_message_and_nothing_is_saved()
    {
        var before = (await CountAsync());
        var response = await site.Admin.PostFormAsync("/admin/content/new/Event?handler=Publish",
            Fields("Tập huấn ngược giờ", "2027-02-10T16:00", "2027-02-10T14:00"), formPage: "/admin/content/new/Event");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Thời gian kết thúc (10/02/2027 14:00) phải sau thời gian bắt đầu (10/02/2027 16:00).", html);
        Assert.Contains("value=\"Tập huấn ngược giờ\"", html);
        Assert.Equal(before, await CountAsync());
        using var anonymous = site.Anonymous();
        Assert.DoesNotContain("Tập huấn ngược giờ", await anonymous.GetStringAsync("/su-kien"));
    }

    [Fact]
    public async Task The_admin_editor_takes_times_in_the_sites_zone_and_the_event_appears_on_the_schedule()
    {
        var response = await site.Admin.PostFormAsync("/admin/content/new/Event?handler=Publish",
            Fields("Tập huấn kỹ năng lắng nghe trẻ em", "2027-02-10T14:00", "2027-02-10T16:30"), formPage: "/admin/content/new/Event");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = (await contents.ListLatestOfTypeAsync("Event")).Single(i => i.DisplayText == "Tập huấn kỹ năng lắng nghe trẻ em");
        var data = EventData.From(item);
        Assert.Equal(new DateTime(2027, 2, 10, 7, 0, 0, DateTimeKind.Utc), data.StartUtc);
        Assert.Equal(35, data.Capacity);
        Assert.Equal(["14:00 | Khai mạc | Ban tổ chức", "14:15 | Kỹ năng lắng nghe trẻ"], data.Agenda.Select(a => a.ToString()));
        Assert.Equal("su-kien/tap-huan-ky-nang-lang-nghe-tre-em", item.Path);

        var editor = await site.Admin.GetStringAsync($"/admin/content/{item.ContentItemId}/edit");
        Assert.Contains("value=\"2027-02-10T14:00\"", editor);
        using var anonymous = site.Anonymous();
        Assert.Contains("Thứ Tư, 10/02/2027, 14:00 – 16:30", await anonymous.GetStringAsync("/su-kien/tap-huan-ky-nang-lang-nghe-tre-em"));

        // A draft of a change, previewed in the theme, reads as an event too.
        var preview = await site.Admin.Http.GetAsync($"/admin/content/{item.ContentItemId}/preview");
        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        var html = await site.Admin.GetStringAsync(preview.Headers.Location!.OriginalString);
        Assert.Contains("Thứ Tư, 10/02/2027, 14:00 – 16:30", html);
        Assert.Contains("14:15 – Kỹ năng lắng nghe trẻ", html);
    }

    [Theory]
    [InlineData("EventPart.Capacity", "-5", "Số chỗ phải là số nguyên từ 1 đến")]
    [InlineData("EventPart.StartUtc", "ngày mai", "không phải là ngày giờ")]
    [InlineData("EventPart.Kind", "party", "Hãy chọn loại sự kiện.")]
    [InlineData("EventPart.MapUrl", "javascript:alert(1)", "Liên kết bản đồ phải bắt đầu bằng https://")]
    [InlineData("EventPart.Cancelled", "true", "Hãy cho biết lý do hủy")]
    public async Task Other_bad_values_are_refused_with_a_vietnamese_message_and_nothing_is_saved(string field, string value, string message)
    {
        var before = await CountAsync();
        var fields = Fields($"Sự kiện sai {field}", "2027-03-10T14:00", "2027-03-10T16:00");
        fields[field] = value;
        var response = await site.Admin.PostFormAsync("/admin/content/new/Event?handler=Publish", fields, formPage: "/admin/content/new/Event");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_editor_sees_registrations_and_the_question_queue_and_a_school_account_does_not()
    {
        var editor = await UserAsync("bientap.sukien", "bientap.sukien@vhtt.example.gov.vn", "Editor");
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin/events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin/events/voices")).StatusCode);
        Assert.Contains("Sự kiện và đăng ký", await editor.GetStringAsync("/admin"));

        var school = await UserAsync("truong.phuloi", "thphuloi@example.edu.vn", "SchoolUser");
        Assert.NotEqual(HttpStatusCode.OK, (await school.Http.GetAsync("/admin/events")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await school.Http.GetAsync("/admin/events/voices")).StatusCode);
    }

    private async Task<Web.Tests.SiteClient> UserAsync(string name, string email, string role)
    {
        const string password = "Mat-khau-Su-kien-1!";
        var created = await site.Admin.PostFormAsync("/admin/users/create", new() { ["UserName"] = name, ["Email"] = email, ["Password"] = password, ["Roles"] = role });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var client = site.Factory.CreateSiteClient();
        await client.SignInAsync(name, password);
        return client;
    }

    private async Task<int> CountAsync()
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IContentManager>().ListLatestOfTypeAsync("Event")).Count;
    }
}
