using System.Net;
using ChildProtection.Web.Tests;

namespace ChildProtection.Events.Tests;

/// <summary>One address cannot take every seat of an event with a script: past the hourly limit it is told to wait, and nothing more is saved.</summary>
public sealed class RegistrationLimitTests
{
    [Fact]
    public async Task Registrations_past_the_limit_for_one_address_are_refused_with_a_message_and_nothing_saved()
    {
        var site = new EventsSite();
        site.Factory.Settings["Events:RegistrationsPerAddressPerHour"] = "2";
        await site.InitializeAsync();
        try
        {
            var item = await site.EventAsync("Tập huấn có giới hạn đăng ký", EventsSite.Local(9, 8), EventsSite.Local(9, 11), capacity: 100);
            using var client = site.Anonymous();
            var statuses = new List<HttpStatusCode>();
            // A post without a token (JavaScript off) is shown back to be confirmed: it spends none of the allowance.
            var unconfirmed = await client.Http.PostAsync($"/{item.Path}/dang-ky", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Organisation"] = "Lớp 1", ["ContactName"] = "Giáo viên", ["Email"] = "lop1@example.edu.vn", ["Participants"] = "2",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            for (var i = 1; i <= 3; i++)
            {
                var response = await client.PostFormAsync($"/{item.Path}/dang-ky", new()
                {
                    ["Organisation"] = $"Lớp {i}", ["ContactName"] = "Giáo viên", ["Email"] = $"lop{i}@example.edu.vn", ["Participants"] = "2",
                }, formPage: "/" + item.Path);
                statuses.Add(response.StatusCode);
                if (i == 3) Assert.Contains("Có nhiều đăng ký cho sự kiện này được gửi từ đây", await response.Content.ReadAsStringAsync());
            }
            Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
            Assert.Equal(2, (await site.RegistrationsAsync(item.ContentItemId)).Count);
            Assert.Equal(4, (await site.EntryAsync(item.ContentItemId)).Taken);
        }
        finally { await site.DisposeAsync(); }
    }
}
