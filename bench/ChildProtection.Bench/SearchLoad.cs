using System.Net;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 15's search under load: a closed loop of <c>/tim-kiem</c> requests over <see cref="Queries"/>, 25 queries
/// a visitor of the sample site would type (its topics and campaigns), half with diacritics and half without,
/// in a fixed rotation so every run asks the same mix. Reusable by any scenario with a client to a live site.
/// </summary>
internal static class SearchLoad
{
    public static readonly string[] Queries =
    [
        "đuối nước", "duoi nuoc", "phòng chống đuối nước", "phong chong duoi nuoc", "bạo lực học đường",
        "bao luc hoc duong", "xâm hại trẻ em", "xam hai tre em", "an toàn giao thông", "an toan giao thong",
        "tai nạn thương tích", "tai nan thuong tich", "an toàn trên môi trường mạng", "an toan tren mang", "lao động trẻ em",
        "lao dong tre em", "tháng hành động vì trẻ em", "thang hanh dong vi tre em", "tổng đài 111", "tong dai 111",
        "diễn đàn trẻ em", "dien dan tre em", "mùa hè an toàn", "mua he an toan", "chăm sóc trẻ em",
    ];

    public static string PathOf(int i) => "/tim-kiem?q=" + Uri.EscapeDataString(Queries[i % Queries.Length]);

    /// <summary>Waits until the site's index answers (a new site builds it in the background), then runs the load.</summary>
    public static async Task<LoadRunner.Result> RunAsync(HttpClient client, int connections, TimeSpan duration)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.GetAsync(PathOf(0));
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && html.Contains("<mark>", StringComparison.Ordinal)) break;
            if (attempt >= 120) throw new InvalidOperationException($"The search page found nothing for “{Queries[0]}” after a minute ({(int)response.StatusCode})");
            await Task.Delay(500);
        }
        var next = -1;
        return await LoadRunner.RunAsync("search", client, () => new HttpRequestMessage(HttpMethod.Get, PathOf(Interlocked.Increment(ref next) & int.MaxValue)), connections, duration);
    }
}
