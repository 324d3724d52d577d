using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// 100,000 articles on SQLite; the admin content list (a real signed-in HTTP request, rendered page and
/// all), first page and page 2,000: p50/p95/max over sequential requests.
/// </summary>
internal static partial class AdminListScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args);
        await using var site = await BenchSite.StartAsync();
        var inserted = await SeedAsync(site.Services, options.Items);

        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        if (!await LoginAsync(client)) { Console.Error.WriteLine("Could not sign in as the bench administrator."); return 1; }

        var pageSize = 20;
        var deepPage = Math.Max(1, Math.Min(2000, inserted / pageSize));
        var first = await MeasureAsync(client, "/admin/content?type=Article", options.Samples);
        var deep = await MeasureAsync(client, $"/admin/content?type=Article&page={deepPage}", options.Samples);
        var search = await MeasureAsync(client, "/admin/content?type=Article&q=" + Uri.EscapeDataString("số 4242: phòng chống Đuối"), options.Samples / 4);

        Console.WriteLine($"admin-list: {inserted:N0} articles on SQLite, {options.Samples} sequential requests per row");
        Console.WriteLine($"{"page",-28}{"p50 ms",9}{"p95 ms",9}{"max ms",9}");
        foreach (var (name, r) in new[] { ("first page", first), ($"page {deepPage}", deep), ("title search", search) })
            Console.WriteLine($"{name,-28}{r.P50,9:F1}{r.P95,9:F1}{r.Max,9:F1}");
        var p95 = Math.Max(first.P95, deep.P95);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=admin-list items={inserted} p95_ms={p95:F1} first_p95_ms={first.P95:F1} deep_page={deepPage} deep_p95_ms={deep.P95:F1} search_p95_ms={search.P95:F1}"));
        return 0;
    }

    private sealed record Timing(double P50, double P95, double Max);

    private static async Task<Timing> MeasureAsync(HttpClient client, string url, int samples)
    {
        for (var i = 0; i < 5; i++) await (await client.GetAsync(url)).Content.ReadAsByteArrayAsync();
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("<table")) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} without a list");
            times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        times.Sort();
        double At(double p) => times[Math.Clamp((int)Math.Ceiling(p * times.Count) - 1, 0, times.Count - 1)];
        return new Timing(At(0.50), At(0.95), times[^1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<bool> LoginAsync(HttpClient client)
    {
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = BenchSite.AdminUser, ["Password"] = BenchSite.AdminPassword, ["__RequestVerificationToken"] = token,
        }));
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;
    }

    /// <summary>Bulk rows straight into the table (the content manager would take minutes for 100,000 saves).</summary>
    private static async Task<int> SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var start = DateTime.UtcNow.AddDays(-count / 100.0);
        const int batch = 5000;
        for (var done = 0; done < count; done += batch)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = done; i < Math.Min(count, done + batch); i++)
            {
                var title = $"Tin số {i}: phòng chống đuối nước cho trẻ em mùa hè {i % 97}";
                var id = IdGenerator.NewId();
                var published = i % 3 != 0;
                var at = start.AddMinutes(i);
                db.ContentItems.Add(new ContentItemRecord
                {
                    ContentItemId = id, ContentItemVersionId = IdGenerator.NewId(), ContentType = "Article", Number = 1,
                    Latest = true, Published = published, DisplayText = title, DisplayTextKey = ContentItemRecord.KeyOf(title), Path = $"tin-tuc/bench-{i}", Owner = "admin", Author = "admin",
                    CreatedUtc = at, ModifiedUtc = at, PublishedUtc = published ? at : null,
                    Data = new System.Text.Json.Nodes.JsonObject
                    {
                        ["TitlePart"] = new System.Text.Json.Nodes.JsonObject { ["Title"] = title },
                        ["RoutePart"] = new System.Text.Json.Nodes.JsonObject { ["Path"] = $"tin-tuc/bench-{i}" },
                        ["SummaryPart"] = new System.Text.Json.Nodes.JsonObject { ["Summary"] = $"Tóm tắt {i}" },
                    }.ToJsonString(),
                });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            db.ChangeTracker.Clear();
        }
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "ANALYZE" : "ANALYZE \"ContentItems\"");
        return count;
    }
}
