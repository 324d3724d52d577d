using System.Globalization;
using System.Text.RegularExpressions;
using ChildProtection.Editorial.Data;
using ChildProtection.Media;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using ChildProtection.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Issue 5's scenario in a real browser: an editor writes an article (Vietnamese text, an inline image from
/// the media library with alt text, a featured image, a cited dispatch with its PDF) and submits it; a
/// reviewer returns it with a comment; the editor fixes it and resubmits; the reviewer schedules it a
/// minute ahead; the scheduler (Hangfire, the real path, polled every second) publishes it; it is on the
/// news list, the topic page and the RSS feed with its Vietnamese date; the history shows the change.
/// </summary>
public sealed partial class EditorialTests
{
    private const string Password = "Bien-tap-2025!";
    private const string Title = "Thành phố phát động Tháng hành động vì trẻ em năm 2025";
    private const string Area = "#f_BodyPart_Html-area";
    private const string Editor = ".rich-editor:has(#f_BodyPart_Html)";
    private const string PosterId = "ca26bk455s0krz86fknjbpn6v4"; // the recipe's "Tổng đài 111" poster
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [GeneratedRegex(@"/admin/content/([0-9a-z]+)/edit")]
    private static partial Regex EditAddress();

    [BrowserFact]
    public async Task An_article_goes_from_draft_through_return_and_resubmission_to_a_scheduled_publication_on_the_news_list_topic_page_and_feed()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@vhtt.example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Jobs:PollSeconds"] = "1",
        });
        await using var session = await BrowserSession.StartAsync();
        var errors = new List<string>();

        // The dispatch's PDF is in the media library (uploaded earlier by the office).
        string dispatchId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IMediaLibrary>().StoreAsync(new MediaUpload
            {
                Content = new MemoryStream(LibraryTests.Pdf(2)), OriginalName = "Công văn 1234-UBND-VHTT.pdf", Folder = "cong-van",
            });
            Assert.True(stored.Succeeded, string.Join("; ", stored.Errors));
            dispatchId = stored.File!.Id;
        }

        // The administrator adds an editor and a reviewer.
        var admin = await SignInAsync(session, site, "quantri", errors);
        foreach (var (name, role) in new[] { ("bientapvien", "Editor"), ("bbt.duyet", "Reviewer") })
        {
            await admin.GotoAsync(site.Url("/admin/users/create"));
            await admin.FillAsync("#UserName", name);
            await admin.FillAsync("#Email", $"{name}@vhtt.example.gov.vn");
            await admin.FillAsync("#Password", Password);
            await admin.CheckAsync($"input[name=Roles][value={role}]");
            await admin.RunAndWaitForNavigationAsync(() => admin.ClickAsync("main form button[type=submit]"));
            Assert.DoesNotContain("/create", admin.Url);
        }

        // The editor writes the article.
        var editor = await SignInAsync(session, site, "bientapvien", errors);
        await editor.GotoAsync(site.Url("/admin/content/new/Article"));
        await editor.FillAsync("#f_TitlePart_Title", Title);
        await editor.FillAsync("#f_SummaryPart_Summary", "Ủy ban nhân dân thành phố đề nghị các phường, xã tổ chức Tháng hành động vì trẻ em từ 1 đến 30/6.");
        await editor.ClickAsync(Area);
        await editor.Keyboard.TypeAsync("Các trường học phổ biến Tổng đài 111 tới học sinh và phụ huynh.");
        await editor.Keyboard.PressAsync("Enter");
        // The inline image, from the media library, described.
        await editor.ClickAsync($"{Editor} button[data-command=image]");
        await editor.ClickAsync($"{Editor} .rich-editor-media-item[data-media-id='ca26bk455s0krz86fknjbpn6v4']");
        await editor.FillAsync($"{Editor} .rich-editor-alt", "Áp phích Tổng đài 111 trên nền cam");
        await editor.ClickAsync($"{Editor} .rich-editor-insert-image");
        await editor.Locator($"{Area} img[src^='/media/{PosterId}/']").WaitForAsync();
        // The featured image, through the media picker, with its alt text and caption for this article.
        await editor.ClickAsync(".field:has(#f_MediaPart_mediaId) .media-picker > button");
        await editor.ClickAsync("dialog.media-dialog .results button:has-text('Tháng hành động')");
        await editor.FillAsync("#f_MediaPart_AltText", "Bóng bay nhiều màu trên bãi cỏ xanh");
        await editor.FillAsync("#f_MediaPart_CaptionText", "Tháng hành động vì trẻ em 2025");
        // The cited dispatch and its file.
        await editor.FillAsync("#f_OfficialDocumentPart_NumberAndSymbol", "1234/UBND-VHTT");
        await editor.FillAsync("#f_OfficialDocumentPart_Issuer", "Ủy ban nhân dân thành phố");
        await editor.FillAsync("#f_OfficialDocumentPart_IssuedDate", "2025-05-20");
        await editor.ClickAsync(".field:has(#f_Article_DocumentFile_mediaIds) .media-picker > button");
        await editor.ClickAsync("dialog.media-dialog .results button:has-text('Công văn 1234')");
        await editor.CheckAsync("input[type=checkbox][name^='Topics.'][value='duoi-nuoc']");
        await editor.RunAndWaitForNavigationAsync(() => editor.ClickAsync("button[formaction$='handler=Save']"));
        var match = EditAddress().Match(editor.Url);
        Assert.True(match.Success, $"{editor.Url}\n{await editor.InnerTextAsync("main")}");
        var id = match.Groups[1].Value;
        var editUrl = site.Url($"/admin/content/{id}/edit");
        // An editor cannot publish an Article: it goes to review.
        await editor.FillAsync($"#submit-comment-{id}", "Nhờ anh chị duyệt giúp.");
        await editor.RunAndWaitForNavigationAsync(() => editor.ClickAsync("form[action*='handler=Submit'] button"));
        Assert.Equal("Submitted", await editor.GetAttributeAsync("[data-review-status]", "data-review-status"));

        // The reviewer returns it with a comment.
        var reviewer = await SignInAsync(session, site, "bbt.duyet", errors);
        await reviewer.GotoAsync(editUrl);
        await reviewer.FillAsync($"#return-comment-{id}", "Ghi rõ thời gian: từ 1/6 đến 30/6 & nêu số điện thoại 111.");
        await reviewer.RunAndWaitForNavigationAsync(() => reviewer.ClickAsync("form[action*='handler=Return'] button"));
        Assert.Equal("Returned", await reviewer.GetAttributeAsync("[data-review-status]", "data-review-status"));

        // The editor sees the comment, fixes the text and resubmits.
        await editor.GotoAsync(editUrl);
        Assert.Contains("Ghi rõ thời gian: từ 1/6 đến 30/6 & nêu số điện thoại 111.", await editor.InnerTextAsync(".review-thread"));
        await editor.Locator($"{Area} img[src^='/media/{PosterId}/']").WaitForAsync();
        await editor.ClickAsync($"{Area} p:has-text('Các trường học')");
        await editor.Keyboard.PressAsync("End");
        await editor.Keyboard.TypeAsync(" Tháng hành động diễn ra từ 1/6 đến 30/6.");
        await editor.RunAndWaitForNavigationAsync(() => editor.ClickAsync("button[formaction$='handler=Save']"));
        Assert.True(editor.Url.EndsWith("/edit"), $"{editor.Url}\n{await editor.InnerTextAsync("main")}");
        await editor.RunAndWaitForNavigationAsync(() => editor.ClickAsync("form[action*='handler=Submit'] button"));
        Assert.Equal("Submitted", await editor.GetAttributeAsync("[data-review-status]", "data-review-status"));

        // The reviewer approves it for a minute ahead (site time, Asia/Ho_Chi_Minh).
        await reviewer.GotoAsync(editUrl);
        var at = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(1), Vietnam);
        await reviewer.FillAsync($"#publish-at-{id}", at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await reviewer.RunAndWaitForNavigationAsync(() => reviewer.ClickAsync("form[action*='handler=Approve'] button"));
        Assert.Equal("Scheduled", await reviewer.GetAttributeAsync("[data-review-status]", "data-review-status"));

        // A visitor waits for it: the scheduler publishes it through its own run (no clock is faked).
        var visitorContext = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        visitorContext.SetDefaultTimeout(90_000);
        visitorContext.SetDefaultNavigationTimeout(90_000);
        var visitor = await visitorContext.NewPageAsync();
        visitor.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        var found = false;
        for (var attempt = 0; attempt < 60 && !found; attempt++)
        {
            await visitor.GotoAsync(site.Url("/tin-tuc"));
            found = (await visitor.InnerTextAsync("main")).Contains(Title);
            if (!found) await Task.Delay(TimeSpan.FromSeconds(5));
        }
        Assert.True(found, "The scheduled article did not appear on /tin-tuc within five minutes.\n" + await SchedulerStateAsync(site));
        var published = (await visitor.InnerTextAsync("main"));
        var localDate = at.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.Contains(localDate, published);

        // The topic page and the RSS feed.
        await visitor.GotoAsync(site.Url("/chu-de/duoi-nuoc"));
        Assert.Contains(Title, await visitor.InnerTextAsync("main"));
        Assert.Contains(localDate, await visitor.InnerTextAsync("main"));
        var rss = await visitor.APIRequest.GetAsync(site.Url("/tin-tuc/rss.xml"));
        Assert.True(rss.Ok);
        var feed = System.Xml.Linq.XDocument.Parse(await rss.TextAsync());
        var entry = feed.Descendants("item").Single(i => (string?)i.Element("title") == Title);
        Assert.EndsWith("/tin-tuc/thanh-pho-phat-dong-thang-hanh-dong-vi-tre-em-nam-2025", (string?)entry.Element("link"));
        Assert.False(string.IsNullOrEmpty((string?)entry.Element("pubDate")));

        // The article page: the fixed text, the described images with srcset and sizes, the dispatch and its file.
        await visitor.GotoAsync(site.Url("/tin-tuc/thanh-pho-phat-dong-thang-hanh-dong-vi-tre-em-nam-2025"));
        Assert.Contains(localDate, await visitor.InnerTextAsync(".content-header time"));
        Assert.Contains("Tháng hành động diễn ra từ 1/6 đến 30/6.", await visitor.InnerTextAsync(".prose"));
        var inline = visitor.Locator($".prose img[src^='/media/{PosterId}/']");
        Assert.Equal("Áp phích Tổng đài 111 trên nền cam", await inline.GetAttributeAsync("alt"));
        Assert.Contains(" 320w", await inline.GetAttributeAsync("srcset") ?? "");
        Assert.Equal("(min-width: 48rem) 42rem, 100vw", await inline.GetAttributeAsync("sizes"));
        var featured = visitor.Locator("figure.featured img");
        Assert.Equal("Bóng bay nhiều màu trên bãi cỏ xanh", await featured.GetAttributeAsync("alt"));
        Assert.Contains(" 320w", await featured.GetAttributeAsync("srcset") ?? "");
        Assert.False(string.IsNullOrEmpty(await featured.GetAttributeAsync("sizes")));
        await visitor.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await featured.ElementHandleAsync());
        Assert.Contains("Tháng hành động vì trẻ em 2025", await visitor.InnerTextAsync("figure.featured figcaption"));
        Assert.Contains("1234/UBND-VHTT", await visitor.InnerTextAsync(".document"));
        var file = await visitor.GetAttributeAsync(".document .document-file a", "href");
        Assert.StartsWith($"/media/{dispatchId}/", file);
        var pdf = await visitor.APIRequest.GetAsync(site.Url(file!));
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);

        // The history shows what changed between the returned and the resubmitted version.
        // (The first version against the newest: publishing may add versions of its own.)
        await editor.GotoAsync(site.Url($"/admin/content/{id}/versions"));
        await editor.Locator("input[name=from]").Last.CheckAsync();
        await editor.Locator("input[name=to]").First.CheckAsync();
        await editor.RunAndWaitForNavigationAsync(() => editor.ClickAsync("button[form=compare]"));
        var inserted = string.Concat(await editor.Locator("ins").AllInnerTextsAsync());
        Assert.Contains("diễn", inserted);
        Assert.DoesNotContain("Các trường học", inserted);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>What the schedule table and Hangfire say, for a failure message: which half did not do its part.</summary>
    private static async Task<string> SchedulerStateAsync(LiveSite site)
    {
        var lines = new List<string> { $"now (UTC) {DateTime.UtcNow:O}" };
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EditorialDbContext>();
        foreach (var row in await db.PublishSchedules.AsNoTracking().ToListAsync())
            lines.Add($"schedule {row.Id}: {row.Action} due {row.DueUtc:O} {row.Status} claimed by {row.ClaimedBy} at {row.ClaimedUtc:O} outcome {row.Outcome}");
        var storage = site.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
            foreach (var job in connection.GetRecurringJobs())
                lines.Add($"recurring {job.Id}: last {job.LastExecution:O} state {job.LastJobState} next {job.NextExecution:O} error {job.Error}");
        var monitor = storage.GetMonitoringApi();
        lines.Add($"servers {monitor.Servers().Count}, succeeded {monitor.SucceededListCount()}, failed {monitor.FailedCount()}, enqueued {monitor.EnqueuedCount("default")}");
        foreach (var (jobId, failed) in monitor.FailedJobs(0, 5)) lines.Add($"failed {jobId}: {failed.ExceptionMessage}");
        return string.Join("\n", lines);
    }

    private static async Task<IPage> SignInAsync(BrowserSession session, LiveSite site, string user, List<string> errors)
    {
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Two cores shared with the other test projects: allow slow steps rather than fail on load.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{user}: {m.Text} at {m.Location}"); };
        page.PageError += (_, e) => errors.Add($"{user}: page error: {e}");
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{user}: {r.Status} {r.Url}"); };
        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", Password);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("form button[type=submit]"));
        Assert.Contains("/admin", page.Url);
        return page;
    }
}
