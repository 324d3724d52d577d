using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 16's fast lane: a notice to N recipients (100,000) with as many lanes as the site has ordinary job
/// workers, so the bulk send holds all of them, to the SMTP sink in its own process; while it sends, a test
/// send from a notice's admin page over HTTP (the page answers once the server has taken the message) and a
/// reminder run started as its hourly schedule starts it (a Hangfire job on the fast lane; arrived when its
/// audit line is written, after the server's 250), every few seconds. Prints the slowest of each and the
/// bulk rate over the whole send.
/// </summary>
internal static partial class NoticesFastLaneScenario
{
    private const int Samples = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, concurrency: 2, items: 100_000);
        var size = options.Items;
        var connections = Math.Clamp(options.Concurrency, 1, 10);

        await using var sink = await SinkProcess.StartAsync();
        await using var site = await BenchSite.StartAsync(extraSettings: new Dictionary<string, string?>
        {
            // Exactly one ordinary worker per lane: the bulk send takes every one of them, the worst case for
            // anything else on those queues. The fast lane keeps its defaults (2 workers, 1 s poll).
            ["Jobs:WorkerCount"] = connections.ToString(CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = "0.2",
            // The bench signs in with a password only.
            ["Security:TwoFactorRoles"] = "",
        });
        await NoticesScenario.ConfigureMailAsync(site.Services, sink.Port, connections);
        var seedWatch = Stopwatch.StartNew();
        await NoticesScenario.SeedDirectoryAsync(site.Services, 0, size);
        Console.Error.WriteLine($"  directory seeded to {size:N0} in {seedWatch.Elapsed.TotalSeconds:F0} s");
        var pdf = NoticesScenario.SamplePdf();
        var bulk = await NoticesScenario.CreateNoticeAsync(site.Services, pdf, size);
        var draft = await CreateDraftAsync(site.Services);
        var (reminded, reminderRow) = await SeedReminderDueAsync(site.Services);

        var cookies = new CookieContainer();
        using var admin = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        await SignInAsync(admin);

        var before = await sink.ReceivedAsync();
        var watch = Stopwatch.StartNew();
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var started = await scope.ServiceProvider.GetRequiredService<INoticeDelivery>().StartAsync(bulk, "bench", site.BaseAddress.ToString());
            if (!started.Succeeded) throw new InvalidOperationException("The notice did not start: " + started.Error);
        }
        // The lanes hold every ordinary worker once the sink sees mail from the bulk send.
        while (await sink.ReceivedAsync() - before < Math.Min(1000, size / 10)) await Task.Delay(50);

        var testTimes = new List<double>();
        var reminderTimes = new List<double>();
        var sentDuring = 0;
        for (var i = 0; i < Samples; i++)
        {
            testTimes.Add(await TestSendAsync(admin, draft));
            reminderTimes.Add(await ReminderAsync(site.Services, reminded, reminderRow, i));
            if (await StatusAsync(site.Services, bulk) == NoticeStatus.Sending) sentDuring++;
            await Task.Delay(2000);
        }
        var progress = await WaitForCompletionAsync(site.Services, bulk, size);
        var bulkSeconds = watch.Elapsed.TotalSeconds;
        if (progress.Sent != size) throw new InvalidOperationException($"The bulk send sent {progress.Sent} of {size} (failed {progress.Failed}).");
        if (sentDuring < Samples) Console.Error.WriteLine($"  warning: only {sentDuring} of {Samples} samples were taken while the bulk send was still sending (use more recipients)");

        Console.WriteLine($"notices-fastlane: {size:N0} recipients over {connections} lanes holding all {connections} ordinary workers; {Samples} test sends (HTTP, the notice page) and {Samples} reminder runs (Hangfire, queue \"fast\") during the send");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  test send ms: {string.Join(", ", testTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  reminder ms:  {string.Join(", ", reminderTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=notices-fastlane recipients={size} fast_ms={testTimes.Max():F0} bulk_msgs_per_s={size / bulkSeconds:F0} reminder_ms={reminderTimes.Max():F0} connections={connections} samples_during_send={sentDuring}"));
        return 0;
    }

    /// <summary>One test send from the draft's page; the page answers after the SMTP server took the message.</summary>
    private static async Task<double> TestSendAsync(HttpClient admin, int draft)
    {
        var token = await TokenAsync(admin, $"/admin/notices/{draft}");
        var watch = Stopwatch.StartNew();
        using var response = await admin.PostAsync($"/admin/notices/{draft}?handler=Test",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var ms = watch.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"The test send answered {(int)response.StatusCode}");
        return ms;
    }

    /// <summary>
    /// Starts the reminder job as its schedule does and waits for the round it sends: the row's count moves to
    /// <paramref name="round"/> + 1 before the message goes out, the audit line is written after the server's answer.
    /// </summary>
    private static async Task<double> ReminderAsync(IServiceProvider services, int noticeId, long rowId, int round)
    {
        // Each round needs the row due again: the job keeps a day between two reminders and stops at the notice's maximum.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
            await db.NoticeRecipients.Where(r => r.Id == rowId).ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindersSent, 0).SetProperty(r => r.LastReminderUtc, (DateTime?)null));
            await db.NoticeEvents.Where(e => e.NoticeId == noticeId && e.Action == "ReminderSent").ExecuteDeleteAsync();
        }
        var watch = Stopwatch.StartNew();
        services.GetRequiredService<IRecurringJobManager>().Trigger(ReminderJob.RecurringJobId);
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().NoticeEvents.AnyAsync(e => e.NoticeId == noticeId && e.Action == "ReminderSent"))
                return watch.Elapsed.TotalMilliseconds;
            if (watch.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Reminder round {round + 1} did not go out in 10 minutes.");
            await Task.Delay(20);
        }
    }

    /// <summary>A draft with no recipients yet: its test send goes to the signed-in sender as a sample unit.</summary>
    private static async Task<int> CreateDraftAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var now = DateTime.UtcNow;
        var notice = new Notice
        {
            Issuer = "UBND Thành phố – Phòng Lao động – Thương binh và Xã hội", NumberSymbol = "2870/UBND-LĐTBXH", DocumentType = "Công văn",
            Summary = "Mời dự tập huấn kỹ năng phòng, chống xâm hại trẻ em", SignerTitle = "TRƯỞNG PHÒNG", SignerName = "Nguyễn Văn An",
            Subject = "Thư mời tập huấn phòng, chống xâm hại trẻ em", BodyHtml = "<p>Kính gửi các đơn vị,</p><p>Trân trọng kính mời.</p>",
            ReplyToAddress = "ldtbxh@example.gov.vn", ReplyToName = "Phòng Lao động – Thương binh và Xã hội",
            Status = NoticeStatus.Draft, CreatedBy = "bench", CreatedUtc = now, UpdatedUtc = now,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        return notice.Id;
    }

    /// <summary>A sent notice two days before its deadline (reminders due) with one unit that has not acknowledged.</summary>
    private static async Task<(int NoticeId, long RowId)> SeedReminderDueAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var now = DateTime.UtcNow;
        var notice = new Notice
        {
            Issuer = "UBND Thành phố – Phòng Lao động – Thương binh và Xã hội", NumberSymbol = "2801/UBND-LĐTBXH", DocumentType = "Công văn",
            Summary = "Báo cáo số liệu trẻ em có hoàn cảnh đặc biệt", SignerTitle = "TRƯỞNG PHÒNG", SignerName = "Nguyễn Văn An",
            Subject = "Đề nghị báo cáo số liệu trẻ em có hoàn cảnh đặc biệt", BodyHtml = "<p>Kính gửi các đơn vị,</p><p>Đề nghị báo cáo trước hạn.</p>",
            ReplyToAddress = "ldtbxh@example.gov.vn", ReplyToName = "Phòng Lao động – Thương binh và Xã hội",
            Status = NoticeStatus.Completed, ResponseDeadlineUtc = now.AddDays(2), MaxReminders = 1, SendingStartedUtc = now.AddDays(-1),
            SentBy = "bench", LinkBaseUrl = "https://baovetreem.example.gov.vn", RecipientCount = 1, CreatedBy = "bench", CreatedUtc = now, UpdatedUtc = now,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        var row = new NoticeRecipient
        {
            NoticeId = notice.Id, Email = "nhac-han@mam-non.bench.example.edu.vn", ContactName = "Văn thư", OrganisationId = 1, OrganisationCode = "MN-NHAC",
            OrganisationName = "Trường Mầm non Hoa Sen", Status = DeliveryStatus.Sent, Attempts = 1, SentUtc = now.AddDays(-1),
        };
        db.NoticeRecipients.Add(row);
        await db.SaveChangesAsync();
        return (notice.Id, row.Id);
    }

    private static async Task<NoticeStatus> StatusAsync(IServiceProvider services, int noticeId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => n.Status).FirstAsync();
    }

    private static async Task<DeliveryProgress> WaitForCompletionAsync(IServiceProvider services, int noticeId, int size)
    {
        var last = DateTime.UtcNow;
        var lastDone = -1;
        while (true)
        {
            await Task.Delay(500);
            await using var scope = services.CreateAsyncScope();
            var progress = await scope.ServiceProvider.GetRequiredService<INoticeDelivery>().GetProgressAsync(noticeId);
            if (progress.Status == NoticeStatus.Completed) return progress;
            var done = progress.Sent + progress.Failed + progress.Bounced;
            if (done != lastDone) { lastDone = done; last = DateTime.UtcNow; }
            else if (DateTime.UtcNow - last > TimeSpan.FromMinutes(2)) throw new TimeoutException($"No progress for two minutes at {done} of {size}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        TokenField().Match(await client.GetStringAsync(page)) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on " + page);

    private static async Task SignInAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = BenchSite.AdminUser, ["Password"] = BenchSite.AdminPassword, ["__RequestVerificationToken"] = await TokenAsync(client, "/login"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}");
    }
}
