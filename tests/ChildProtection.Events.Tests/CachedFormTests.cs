using System.Net;
using ChildProtection.Events.Data;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Events.Tests;

/// <summary>
/// Issue 15: an event page with an open registration form and a forum's question form is served from the output
/// cache with no antiforgery token in its HTML; CSRF protection holds (the token comes from a small uncached request
/// when the form is used); a post without a token is not lost but comes back filled in to be confirmed; a post from
/// another site never counts.
/// </summary>
public sealed class CachedFormTests(EventsSite site) : IClassFixture<EventsSite>
{
    private static Dictionary<string, string> Registration(string organisation, string email, string participants) => new()
    {
        ["Organisation"] = organisation, ["ContactName"] = "Trần Văn Hùng", ["Email"] = email, ["Phone"] = "0274 3822 111", ["Participants"] = participants,
    };

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task An_event_page_with_open_forms_is_a_cache_hit_without_a_token_and_places_left_are_fresh_after_each_registration()
    {
        var forum = await site.EventAsync("Diễn đàn trẻ em phường Hiệp Thành", EventsSite.Local(24, 8), EventsSite.Local(24, 11), kind: "forum", capacity: 30, voices: true);
        using var visitor = site.Anonymous();
        var url = "/" + forum.Path;

        using var first = await visitor.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), "a shared page must not set a cookie");
        using var second = await visitor.Http.GetAsync(url);
        Assert.True(FromCache(second), "the event page with its open forms is served from the output cache");
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("name=\"Participants\"", html);
        Assert.Contains("name=\"Text\"", html);
        Assert.DoesNotContain("__RequestVerificationToken\" type=\"hidden\" value=", html);
        Assert.Null(SiteClient.TokenIn(html));
        Assert.Contains("data-antiforgery=\"/bieu-mau/ma-xac-thuc\"", html);
        Assert.Contains("/_content/ChildProtection.Themes/js/public-forms.js?v=", html);
        Assert.Contains("Còn <strong>30</strong> / 30 chỗ", html);

        // The token request is the personal part: never stored, by us or anyone between.
        using var tokenAnswer = await visitor.Http.GetAsync("/bieu-mau/ma-xac-thuc");
        Assert.Equal(HttpStatusCode.OK, tokenAnswer.StatusCode);
        Assert.Equal("no-store", tokenAnswer.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", tokenAnswer.Content.Headers.ContentType?.MediaType);

        // A registration evicts the cached page: the next visitor sees the places that are left, then the cache again.
        using var school = site.Anonymous();
        var registered = await school.PostFormAsync($"/{forum.Path}/dang-ky", Registration("Trường THCS Hiệp Thành", "thcshiepthanh@example.edu.vn", "5"), url);
        Assert.Equal(HttpStatusCode.SeeOther, registered.StatusCode);
        using var after = await visitor.Http.GetAsync(url);
        Assert.False(FromCache(after));
        Assert.Contains("Còn <strong>25</strong> / 30 chỗ", await after.Content.ReadAsStringAsync());
        using var againCached = await visitor.Http.GetAsync(url);
        Assert.True(FromCache(againCached));

        // So does a cancellation through the registrant's own link.
        var cancelled = await school.PostFormAsync(registered.Headers.Location!.OriginalString.Split('?')[0], []);
        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Contains("Còn <strong>30</strong> / 30 chỗ", await visitor.GetStringAsync(url));
    }

    [Fact]
    public async Task A_cached_page_with_an_open_form_is_not_served_past_the_registration_deadline()
    {
        // The deadline a few seconds away: the page is cached while the form is open, and the cached copy ends at
        // the deadline rather than five minutes after it (no registration, nothing evicts it; only the clock changes it).
        var closes = DateTime.UtcNow.AddSeconds(6);
        var item = await site.EventAsync("Tập huấn kỹ năng phòng chống xâm hại", EventsSite.Local(20, 8), EventsSite.Local(20, 11), capacity: 50, closesUtc: closes);
        using var visitor = site.Anonymous();
        var url = "/" + item.Path;
        await visitor.GetStringAsync(url);
        using var cached = await visitor.Http.GetAsync(url);
        if (DateTime.UtcNow < closes.AddSeconds(-1))
        {
            Assert.True(FromCache(cached), "before the deadline the page is a cache hit");
            Assert.Contains("name=\"Participants\"", await cached.Content.ReadAsStringAsync());
        }

        while (DateTime.UtcNow < closes.AddSeconds(1)) await Task.Delay(250);
        using var after = await visitor.Http.GetAsync(url);
        var html = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain("name=\"Participants\"", html);
        Assert.Contains("Đã hết hạn đăng ký", html);
    }

    [Fact]
    public async Task A_registration_sent_without_a_token_comes_back_filled_in_with_a_token_and_the_second_press_registers()
    {
        var item = await site.EventAsync("Hội thi tìm hiểu Luật Trẻ em", EventsSite.Local(30, 8), EventsSite.Local(30, 11), kind: "contest", capacity: 40);
        using var client = site.Anonymous();
        var action = $"/{item.Path}/dang-ky";
        // A browser without JavaScript: the cached page's form goes as it is, with no token and no cookie.
        var response = await client.Http.PostAsync(action, new FormUrlEncodedContent(Registration("Trường Tiểu học Định Hoà", "thdinhhoa@example.edu.vn", "12")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng bấm “Đăng ký” lần nữa để xác nhận.", html);
        Assert.Contains("value=\"Trường Tiểu học Định Hoà\"", html);
        Assert.Contains("value=\"thdinhhoa@example.edu.vn\"", html);
        Assert.Contains("value=\"12\"", html);
        Assert.DoesNotContain("aria-invalid=\"true\"", html);
        Assert.Empty(await site.RegistrationsAsync(item.ContentItemId));

        // The second press: the same form from that page, now with its token.
        var token = SiteClient.TokenFor(html, action);
        Assert.NotNull(token);
        var again = await client.Http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>(Registration("Trường Tiểu học Định Hoà", "thdinhhoa@example.edu.vn", "12"))
        {
            ["__RequestVerificationToken"] = token!,
        }));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var saved = Assert.Single(await site.RegistrationsAsync(item.ContentItemId));
        Assert.Equal(RegistrationStatus.Confirmed, saved.Status);
        Assert.Equal(12, (await site.EntryAsync(item.ContentItemId)).Taken);
    }

    [Fact]
    public async Task A_question_sent_without_a_token_comes_back_kept_and_the_second_press_sends_it()
    {
        var forum = await site.EventAsync("Diễn đàn trẻ em phường Chánh Nghĩa", EventsSite.Local(26, 8), EventsSite.Local(26, 11), kind: "forum", voices: true);
        using var child = site.Anonymous();
        var action = $"/{forum.Path}/y-kien";
        var fields = new Dictionary<string, string> { ["Kind"] = "opinion", ["Text"] = "Em mong có thêm lớp dạy bơi miễn phí trong hè.", ["Age"] = "10" };
        var response = await child.Http.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng bấm “Gửi” lần nữa để xác nhận.", html);
        Assert.Contains(">Em mong có thêm lớp dạy bơi miễn phí trong hè.</textarea>", html);
        Assert.Contains("value=\"opinion\" checked", html);
        Assert.Contains("value=\"10\"", html);
        Assert.Equal(0, await site.DbAsync(db => db.Voices.CountAsync(v => v.EventId == forum.ContentItemId)));

        var again = await child.Http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = SiteClient.TokenFor(html, action)!,
        }));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var voice = await site.DbAsync(db => db.Voices.AsNoTracking().SingleAsync(v => v.EventId == forum.ContentItemId));
        Assert.Equal(("opinion", VoiceStatus.Pending, 10), (voice.Kind, voice.Status, voice.Age));
    }

    [Theory]
    [InlineData("cross-site", "https://ke-gian.example")]
    [InlineData("same-site", "https://phuong-khac.example.org")]
    [InlineData(null, "https://ke-gian.example")]
    public async Task A_post_from_another_site_never_registers_and_its_values_are_not_shown_back(string? fetchSite, string origin)
    {
        var item = await site.EventAsync($"Tập huấn phòng chống xâm hại {Guid.NewGuid():N}"[..40], EventsSite.Local(19, 8), EventsSite.Local(19, 11), capacity: 20);
        using var victim = site.Anonymous();
        // The victim has used the site: its cookie and a real token exist, but the forger can know neither.
        await victim.FetchFormTokenAsync();
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/{item.Path}/dang-ky")
        {
            Content = new FormUrlEncodedContent(Registration("Đơn vị giả mạo", "gia-mao@ke-gian.example", "20")),
        };
        forged.Headers.Add("Origin", origin);
        if (fetchSite is not null) forged.Headers.Add("Sec-Fetch-Site", fetchSite);
        var response = await victim.Http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Biểu mẫu này được gửi từ một trang web khác nên chưa có gì được ghi nhận.", html);
        // Not pre-filled for the visitor to confirm with one press.
        Assert.DoesNotContain("Đơn vị giả mạo", html);
        Assert.DoesNotContain("gia-mao@ke-gian.example", html);
        Assert.Empty(await site.RegistrationsAsync(item.ContentItemId));

        // The token endpoint answers no other site either (a second layer: its answer was unreadable to them anyway).
        var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/bieu-mau/ma-xac-thuc");
        tokenRequest.Headers.Add("Origin", origin);
        if (fetchSite is not null) tokenRequest.Headers.Add("Sec-Fetch-Site", fetchSite);
        var tokenResponse = await victim.Http.SendAsync(tokenRequest);
        Assert.Equal(HttpStatusCode.Forbidden, tokenResponse.StatusCode);
        Assert.DoesNotContain("token", await tokenResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_from_our_own_page_as_browsers_mark_it_registers()
    {
        var item = await site.EventAsync("Tập huấn kỹ năng làm cha mẹ", EventsSite.Local(23, 8), EventsSite.Local(23, 11), capacity: 20);
        using var client = site.Anonymous();
        var token = await client.FetchFormTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/{item.Path}/dang-ky")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(Registration("Hội cha mẹ học sinh lớp 3B", "lop3b@example.edu.vn", "4"))
            {
                ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.SeeOther, (await client.Http.SendAsync(request)).StatusCode);
        Assert.Single(await site.RegistrationsAsync(item.ContentItemId));
    }
}
