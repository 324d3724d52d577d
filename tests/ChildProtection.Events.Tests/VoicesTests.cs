using System.Net;
using ChildProtection.Events.Data;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Events.Tests;

/// <summary>Children send questions before a forum; a moderator publishes them with answers; a honeypot and a rate limit keep the queue clean.</summary>
public sealed class VoicesTests(EventsSite site) : IClassFixture<EventsSite>
{
    private static Dictionary<string, string> Voice(string text, string? name = null, string? age = null, string? school = null, string? website = null)
    {
        var form = new Dictionary<string, string> { ["Kind"] = "question", ["Text"] = text };
        if (name is not null) form["FirstName"] = name;
        if (age is not null) form["Age"] = age;
        if (school is not null) form["School"] = school;
        if (website is not null) form["website"] = website;
        return form;
    }

    [Fact]
    public async Task A_question_waits_for_moderation_and_appears_with_its_answer_once_published()
    {
        var forum = await site.EventAsync("Diễn đàn trẻ em phường Phú Cường", EventsSite.Local(21, 8), EventsSite.Local(21, 11), kind: "forum", voices: true);
        using var child = site.Anonymous();
        var sent = await child.PostFormAsync($"/{forum.Path}/y-kien", Voice("Vì sao đường trước cổng trường em không có vạch kẻ cho người đi bộ? Em học lớp 5A của cô Hoa.", "Lan", "11", "Trường Tiểu học Phú Cường"), "/" + forum.Path);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var thanks = await child.GetStringAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Cảm ơn em! Câu hỏi đã được gửi.", thanks);
        Assert.DoesNotContain("vạch kẻ cho người đi bộ", thanks);

        var queue = await site.Admin.GetStringAsync("/admin/events/voices");
        Assert.Contains("vạch kẻ cho người đi bộ", queue);
        var voice = await site.DbAsync(db => db.Voices.AsNoTracking().SingleAsync(v => v.EventId == forum.ContentItemId));
        Assert.Equal(VoiceStatus.Pending, voice.Status);
        var published = await site.Admin.PostFormAsync("/admin/events/voices?handler=Moderate", new()
        {
            ["voiceId"] = voice.Id.ToString(), ["decision"] = "publish", ["answer"] = "Phường sẽ đề nghị kẻ vạch và bố trí người hỗ trợ giờ tan trường.",
            // The moderator takes out what locates the child (her class and teacher).
            ["text"] = "Vì sao đường trước cổng trường em không có vạch kẻ cho người đi bộ?",
        }, formPage: "/admin/events/voices");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var page = await child.GetStringAsync("/" + forum.Path);
        Assert.Contains("vạch kẻ cho người đi bộ", page);
        Assert.Contains("Lan, 11 tuổi, Trường Tiểu học Phú Cường", page);
        Assert.Contains("Phường sẽ đề nghị kẻ vạch", page);
        Assert.DoesNotContain("cô Hoa", page);
        Assert.Contains("Đăng câu hỏi của trẻ em", await site.Admin.GetStringAsync("/admin/audit"));
    }

    [Fact]
    public async Task A_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored()
    {
        var forum = await site.EventAsync("Diễn đàn trẻ em xã Bạch Đằng", EventsSite.Local(22, 8), EventsSite.Local(22, 11), kind: "forum", voices: true);
        using var bot = site.Anonymous();
        var sent = await bot.PostFormAsync($"/{forum.Path}/y-kien", Voice("Mua thuốc giá rẻ tại đây http://spam.example", website: "http://spam.example"), "/" + forum.Path);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(0, await site.DbAsync(db => db.Voices.CountAsync(v => v.EventId == forum.ContentItemId)));
    }

    [Fact]
    public async Task Bad_input_is_refused_beside_its_field_and_too_many_from_one_address_are_told_to_wait()
    {
        var forum = await site.EventAsync("Diễn đàn trẻ em phường Thủ Dầu Một", EventsSite.Local(23, 8), EventsSite.Local(23, 11), kind: "forum", voices: true);
        using var child = site.Anonymous();
        var empty = await child.PostFormAsync($"/{forum.Path}/y-kien", Voice("  "), "/" + forum.Path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Hãy viết câu hỏi hoặc ý kiến của em.", await empty.Content.ReadAsStringAsync());
        var age = await child.PostFormAsync($"/{forum.Path}/y-kien", Voice("Em muốn có thêm sân chơi.", age: "-2"), "/" + forum.Path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, age.StatusCode);
        Assert.Contains("Tuổi là một số từ 4 đến 25", await age.Content.ReadAsStringAsync());
        Assert.Equal(0, await site.DbAsync(db => db.Voices.CountAsync(v => v.EventId == forum.ContentItemId)));

        // The default limit is five per address in ten minutes (all test requests come from one address).
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await child.PostFormAsync($"/{forum.Path}/y-kien", Voice($"Câu hỏi số {i + 1} về an toàn trên mạng."), "/" + forum.Path)).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(await site.DbAsync(db => db.Voices.CountAsync(v => v.EventId == forum.ContentItemId)) <= 5);
    }

    [Fact]
    public async Task Questions_are_not_taken_for_an_event_that_does_not_ask_for_them()
    {
        var training = await site.EventAsync("Tập huấn không nhận câu hỏi", EventsSite.Local(24, 8), EventsSite.Local(24, 11), voices: false);
        using var client = site.Anonymous();
        var page = await client.GetStringAsync("/" + training.Path);
        Assert.DoesNotContain("name=\"Text\"", page);
        var response = await client.PostFormAsync($"/{training.Path}/y-kien", Voice("Một câu hỏi không được nhận."), "/" + training.Path);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await site.DbAsync(db => db.Voices.CountAsync(v => v.EventId == training.ContentItemId)));
    }
}
