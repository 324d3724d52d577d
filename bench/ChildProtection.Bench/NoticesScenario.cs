using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// A notice to N recipients through the whole pipeline — directory resolution, the ledger, Hangfire
/// chunk jobs, MailKit batches — to an SMTP sink on loopback, against a bare MailKit loop sending the
/// same messages to the same sink over the same number of connections, in one run. Then the same with
/// 100,000 recipients, to show memory stays flat. Prints messages/s, the ratio and the peak working set.
/// </summary>
internal static class NoticesScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, concurrency: 2, items: 10_000);
        if (!args.Contains("--quick")) return await RunEachSizeInItsOwnProcessAsync(options, args);
        var sizes = new[] { options.Items };
        // --personal: the subject and body carry Liquid placeholders (personal fields), rendered per recipient.
        personal = args.Contains("--personal");
        var connections = Math.Clamp(options.Concurrency, 1, 10);

        await using var sink = await SinkProcess.StartAsync();
        await using var site = await BenchSite.StartAsync(extraSettings: new Dictionary<string, string?>
        {
            // One worker per connection plus two for the site's own jobs; lanes are picked up within 200 ms
            // (the site's default poll is 5 s: a start latency nobody notices on a notice, but it would
            // dominate a 10-second measurement).
            ["Jobs:WorkerCount"] = (connections + 2).ToString(CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = "0.2",
        });
        await ConfigureMailAsync(site.Services, sink.Port, connections);
        var signer = args.Contains("--dkim") ? await BenchDkim.EnableAsync(site.Services) : null;
        var attachment = SamplePdf();
        var rows = new List<(int Size, double BaselineRate, double PipelineRate, double IdleMb, double BaselinePeak, double PipelinePeak, double LedgerSeconds)>();

        await WarmUpAsync(site, attachment);

        var seeded = 0;
        foreach (var size in sizes)
        {
            var seedWatch = Stopwatch.StartNew();
            seeded = await SeedDirectoryAsync(site.Services, seeded, size);
            Console.Error.WriteLine($"  directory seeded to {size:N0} in {seedWatch.Elapsed.TotalSeconds:F0} s");
            // Two notices to the same schools: at 10,000 the pipeline, like the bare loop, is run twice and its
            // better run counts — on a 2-core machine one run of either side varies by ±15% (measured), and
            // best-of-two on one side only tilted the ratio against the other.
            var runs = size <= 20_000 ? 2 : 1;
            var noticeIds = new List<int>();
            for (var n = 0; n < runs; n++) noticeIds.Add(await CreateNoticeAsync(site.Services, attachment, size));
            var sample = await SampleMessageAsync(site.Services, noticeIds[0], site.BaseAddress.ToString(), attachment);

            Settle();
            var idleMb = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
            if (Environment.GetEnvironmentVariable("BENCH_MEMORY_DETAIL") == "1")
            {
                var gc = GC.GetGCMemoryInfo();
                Console.Error.WriteLine($"  idle: gc heap {gc.HeapSizeBytes / 1048576} MB, committed {gc.TotalCommittedBytes / 1048576} MB");
                foreach (var line in File.ReadAllLines("/proc/self/smaps_rollup")) Console.Error.WriteLine("  " + line);
            }
            // Bare, pipeline, bare (, pipeline): the better run of each side counts, so neither JIT warm-up nor
            // a busy moment of the machine makes one side look better than it is.
            double baselineSeconds = double.MaxValue, baselinePeak = 0, pipelineSeconds = double.MaxValue, pipelinePeak = 0, ledgerSeconds = 0;
            for (var n = 0; n < Math.Max(runs, 2); n++)
            {
                var (bareSeconds, barePeak) = await RunBaselineAsync(sink, connections, size, sample, signer);
                baselineSeconds = Math.Min(baselineSeconds, bareSeconds);
                baselinePeak = Math.Max(baselinePeak, barePeak);
                if (n >= noticeIds.Count) continue;
                var (seconds, peak, ledger) = await RunPipelineAsync(site, sink, noticeIds[n], size);
                if (seconds < pipelineSeconds) (pipelineSeconds, ledgerSeconds) = (seconds, ledger);
                pipelinePeak = Math.Max(pipelinePeak, peak);
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  measured {size:N0}: bare {size / baselineSeconds:F0}/s, pipeline {size / pipelineSeconds:F0}/s, pipeline peak {pipelinePeak:F0} MB"));
            rows.Add((size, size / baselineSeconds, size / pipelineSeconds, idleMb, baselinePeak, pipelinePeak, ledgerSeconds));
        }

        Console.WriteLine($"notices: bare and pipeline = the better of two runs each, alternated (one pipeline run at 100,000); peak = working set sampled every 50 ms during the run (site, Hangfire and all)");
        Console.WriteLine($"notices: one notice with a {attachment.Length / 1024} KB PDF{(personal ? ", subject and body with personal fields" : "")}, {connections} SMTP connections, sink in another process on 127.0.0.1{(signer is null ? "" : "; both sides sign with DKIM (RSA 2048, relaxed/relaxed)")}");
        Console.WriteLine($"{"recipients",12}{"bare msg/s",12}{"pipeline msg/s",16}{"ratio",8}{"ledger s",10}{"idle MB",9}{"bare peak MB",14}{"pipeline peak MB",18}");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Size,12:N0}{r.BaselineRate,12:F0}{r.PipelineRate,16:F0}{r.PipelineRate / r.BaselineRate,8:F2}{r.LedgerSeconds,10:F1}{r.IdleMb,9:F0}{r.BaselinePeak,14:F0}{r.PipelinePeak,18:F0}"));
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=notices{(personal ? "-personal" : "")} recipients={r.Size} connections={connections} dkim={(signer is null ? "off" : "on")} bare_msgs_per_s={r.BaselineRate:F0} pipeline_msgs_per_s={r.PipelineRate:F0} ratio={r.PipelineRate / r.BaselineRate:F2} peak_mb={r.PipelinePeak:F0}"));
        return 0;
    }

    /// <summary>
    /// Gives back what seeding the directory used (large JSON documents, tracked entities) before a
    /// measurement, large-object heap included, so a phase's peak is its own.
    /// </summary>
    private static void Settle()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    /// <summary>One notice through the whole pipeline, from "send" to its completed status; the sink must count every message once.</summary>
    private static async Task<(double Seconds, double PeakMb, double LedgerSeconds)> RunPipelineAsync(BenchSite site, SinkProcess sink, int noticeId, int size)
    {
        Settle();
        var before = await sink.ReceivedAsync();
        await using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var started = await scope.ServiceProvider.GetRequiredService<INoticeDelivery>().StartAsync(noticeId, "bench", site.BaseAddress.ToString());
            if (!started.Succeeded) throw new InvalidOperationException("The notice did not start: " + started.Error);
        }
        var ledgerSeconds = watch.Elapsed.TotalSeconds;
        var progress = await WaitForCompletionAsync(site.Services, noticeId, size);
        var seconds = watch.Elapsed.TotalSeconds;
        if (progress.Sent != size) throw new InvalidOperationException($"The pipeline sent {progress.Sent} of {size} (failed {progress.Failed}).");
        var received = await sink.ReceivedAsync() - before;
        if (received != size) throw new InvalidOperationException($"The sink received {received} pipeline messages for {size} recipients.");
        return (seconds, memory.PeakMegabytes, ledgerSeconds);
    }

    private static async Task<(double Seconds, double PeakMb)> RunBaselineAsync(SinkProcess sink, int connections, int size, BareMailKitBaseline.SampleMessage sample, MimeKit.Cryptography.DkimSigner? signer)
    {
        Settle();
        var before = await sink.ReceivedAsync();
        await using var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        var sent = await BareMailKitBaseline.SendAsync(sink.Port, connections, size, sample, signer: signer);
        var seconds = watch.Elapsed.TotalSeconds;
        if (sent != size || await sink.ReceivedAsync() - before != size) throw new InvalidOperationException($"The baseline sent {sent} of {size}.");
        return (seconds, memory.PeakMegabytes);
    }

    /// <summary>
    /// The 10,000 run and the 100,000 repeat each in a fresh process (this program with <c>--quick</c>), so
    /// the repeat's memory is its own and not what the first run and its seeding left behind.
    /// </summary>
    private static async Task<int> RunEachSizeInItsOwnProcessAsync(BenchArgs options, string[] args)
    {
        var summary = new List<string>();
        foreach (var size in new[] { options.Items, 100_000 })
        {
            var self = Environment.ProcessPath!;
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(NoticesScenario).Assembly.Location);
            foreach (var a in new[] { "notices", "--quick", "--items", size.ToString(CultureInfo.InvariantCulture), "--concurrency", options.Concurrency.ToString(CultureInfo.InvariantCulture) }.Concat(args.Contains("--dkim") ? ["--dkim"] : Array.Empty<string>()))
                info.ArgumentList.Add(a);
            if (args.Contains("--personal")) info.ArgumentList.Add("--personal");
            using var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start the benchmark child.");
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("scenario=", StringComparison.Ordinal)) summary.Add(line);
                // The child's log lines ("warn: …" and their indented text) are not part of the table.
                else if (!line.StartsWith("warn:", StringComparison.Ordinal) && !System.Text.RegularExpressions.Regex.IsMatch(line, @"^ {6}[A-Za-z]")) Console.WriteLine(line);
            }
            await child.WaitForExitAsync();
            if (child.ExitCode != 0) return child.ExitCode;
        }
        foreach (var line in summary) Console.WriteLine(line);
        return 0;
    }

    /// <summary>
    /// Waits for the notice to complete as one person watching its admin page would load the site: the full
    /// progress (a grouped count over every ledger row) every 2 s, as the page's script polls; the end itself
    /// is seen within 100 ms from the notice's status alone, so the measured time is not rounded up to a poll.
    /// </summary>
    private static async Task<DeliveryProgress> WaitForCompletionAsync(IServiceProvider services, int noticeId, int size)
    {
        var last = DateTime.UtcNow;
        var lastDone = -1;
        var sincePageProgress = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(100);
            await using var scope = services.CreateAsyncScope();
            var status = await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Notices.AsNoTracking()
                .Where(n => n.Id == noticeId).Select(n => n.Status).FirstAsync();
            var delivery = scope.ServiceProvider.GetRequiredService<INoticeDelivery>();
            if (status == NoticeStatus.Completed) return await delivery.GetProgressAsync(noticeId);
            if (sincePageProgress.Elapsed < TimeSpan.FromSeconds(2)) continue;
            sincePageProgress.Restart();
            var progress = await delivery.GetProgressAsync(noticeId);
            var done = progress.Sent + progress.Failed + progress.Bounced;
            if (done != lastDone) { lastDone = done; last = DateTime.UtcNow; }
            else if (DateTime.UtcNow - last > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"No progress for two minutes at {done} of {size}.");
        }
    }

    internal static async Task ConfigureMailAsync(IServiceProvider services, int port, int connections)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SmtpSettingsService>().SaveAsync(new SmtpSettings
        {
            Host = "127.0.0.1", Port = port, TlsMode = SmtpTlsMode.None, TimeoutSeconds = 30,
            SenderAddress = "vanthu@ldtbxh.example.gov.vn", SenderName = "Phòng Lao động – Thương binh và Xã hội",
        }, newPassword: null);
        await BenchDeliverySettings.ApplyAsync(scope.ServiceProvider, connections);
    }

    /// <summary>Schools school0 … school(N-1), one e-mail each, all in one rule-based group; added incrementally between sizes.</summary>
    internal static async Task<int> SeedDirectoryAsync(IServiceProvider services, int from, int to)
    {
        const int batch = 5_000;
        for (var start = from; start < to; start += batch)
        {
            var organisations = new JsonArray();
            for (var i = start; i < Math.Min(to, start + batch); i++)
                organisations.Add(new JsonObject
                {
                    ["Code"] = $"BENCH-{i:D6}",
                    ["Name"] = $"Trường Tiểu học số {i} phường Thủ Dầu Một",
                    ["Kind"] = "School",
                    ["Level"] = "Primary",
                    ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = $"Hiệu trưởng {i}", ["Role"] = "Hiệu trưởng", ["Emails"] = new JsonArray($"school{i}@bench.example.edu.vn") }),
                });
            var step = new JsonObject { ["name"] = "Directory", ["Organisations"] = organisations };
            if (start == 0) step["Groups"] = new JsonArray(new JsonObject { ["Name"] = MainGroup, ["Rule"] = new JsonObject { ["Kinds"] = new JsonArray("School"), ["Level"] = "Primary" } });
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyAsync(new RecipeDescriptor { Name = "bench-directory", Steps = [step] });
            if (!result.Succeeded) throw new InvalidOperationException("Seeding the directory failed: " + string.Join("; ", result.Errors.Select(e => e.JsonPath + " " + e.Message)));
        }
        return to;
    }

    internal const string MainGroup = "Bench: tất cả trường tiểu học";
    private const string WarmUpGroup = "Bench: khởi động";

    /// <summary>
    /// One small notice (300 lower-secondary schools) through the whole pipeline before anything is
    /// measured, as the bare loop is warmed by its first run: both sides are then measured with their code
    /// compiled, not the pipeline's JIT against a warm baseline.
    /// </summary>
    private static async Task WarmUpAsync(BenchSite site, byte[] pdf)
    {
        var organisations = new JsonArray();
        for (var i = 0; i < 300; i++)
            organisations.Add(new JsonObject
            {
                ["Code"] = $"WARM-{i:D4}", ["Name"] = $"Trường THCS khởi động {i}", ["Kind"] = "School", ["Level"] = "LowerSecondary",
                ["Contacts"] = new JsonArray(new JsonObject { ["Name"] = $"Hiệu trưởng {i}", ["Emails"] = new JsonArray($"warm{i}@bench.example.edu.vn") }),
            });
        var step = new JsonObject
        {
            ["name"] = "Directory", ["Organisations"] = organisations,
            ["Groups"] = new JsonArray(new JsonObject { ["Name"] = WarmUpGroup, ["Rule"] = new JsonObject { ["Kinds"] = new JsonArray("School"), ["Level"] = "LowerSecondary" } }),
        };
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ApplyAsync(new RecipeDescriptor { Name = "bench-warm-up", Steps = [step] });
            if (!result.Succeeded) throw new InvalidOperationException("Seeding the warm-up schools failed.");
        }
        var noticeId = await CreateNoticeAsync(site.Services, pdf, 300, WarmUpGroup);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var started = await scope.ServiceProvider.GetRequiredService<INoticeDelivery>().StartAsync(noticeId, "bench", site.BaseAddress.ToString());
            if (!started.Succeeded) throw new InvalidOperationException("The warm-up notice did not start: " + started.Error);
        }
        await WaitForCompletionAsync(site.Services, noticeId, 300);
    }

    private static bool personal;

    private const string PersonalBody = "<p>Kính gửi {{ nguoi_nhan }} – {{ ten_don_vi }} (mã {{ ma_don_vi }}, {{ phuong_xa }}),</p><p>Thực hiện kế hoạch của Ủy ban nhân dân Thành phố, đề nghị {{ ten_don_vi }} <strong>triển khai Tháng hành động vì trẻ em</strong> và báo cáo kết quả trước ngày {{ han_xac_nhan }}.</p><ul><li>Tổ chức truyền thông phòng chống đuối nước.</li><li>Phổ biến Tổng đài 111.</li></ul><p>Đường dẫn xác nhận của đơn vị: {{ duong_dan_xac_nhan }}</p>";

    internal static async Task<int> CreateNoticeAsync(IServiceProvider services, byte[] pdf, int size, string groupName = MainGroup)
    {
        await using var scope = services.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetRequiredService<ChildProtection.Organisations.IRecipientDirectory>();
        var group = (await directory.ListGroupsAsync()).Single(g => g.Name == groupName);
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var now = DateTime.UtcNow;
        var notice = new Notice
        {
            Issuer = "UBND Thành phố – Phòng Lao động – Thương binh và Xã hội",
            NumberSymbol = "2869/UBND-LĐTBXH",
            DocumentType = "Công văn",
            IssuedOn = new DateOnly(2026, 11, 20),
            IssuedPlace = "Thủ Dầu Một",
            Summary = "Triển khai nhiệm vụ trọng tâm về bảo vệ, chăm sóc trẻ em năm 2027",
            SignerTitle = "KT. TRƯỞNG PHÒNG – PHÓ TRƯỞNG PHÒNG",
            SignerName = "Nguyễn Thị Minh Hằng",
            Subject = personal ? $"{{{{ ten_don_vi }}}}: công văn 2869/UBND-LĐTBXH về nhiệm vụ bảo vệ trẻ em năm 2027 ({size:N0} đơn vị)"
                : $"Công văn 2869/UBND-LĐTBXH về nhiệm vụ bảo vệ trẻ em năm 2027 ({size:N0} đơn vị)",
            BodyHtml = personal ? PersonalBody : "<p>Kính gửi Ban Giám hiệu các trường,</p><p>Thực hiện kế hoạch của Ủy ban nhân dân Thành phố, đề nghị các đơn vị <strong>triển khai Tháng hành động vì trẻ em</strong> và báo cáo kết quả trước hạn.</p><ul><li>Tổ chức truyền thông phòng chống đuối nước.</li><li>Phổ biến Tổng đài 111.</li></ul>",
            ReplyToAddress = "ldtbxh@example.gov.vn",
            ReplyToName = "Phòng Lao động – Thương binh và Xã hội",
            ResponseDeadlineUtc = now.AddDays(20),
            Status = NoticeStatus.Scheduled,
            CreatedBy = "bench", CreatedUtc = now, UpdatedUtc = now,
            Targets = [new NoticeTarget { Kind = NoticeTargetKind.Group, TargetId = group.Id, Label = group.Name }],
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        var files = scope.ServiceProvider.GetRequiredService<NoticeFiles>();
        var stored = Guid.NewGuid().ToString("N") + ".pdf";
        await files.WriteAsync(notice.Id, stored, new MemoryStream(pdf), null, CancellationToken.None);
        notice.Attachments.Add(new NoticeAttachment { FileName = "Kế hoạch Tháng hành động vì trẻ em.pdf", ContentType = "application/pdf", Size = pdf.Length, StoredName = stored, Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pdf)), UploadedUtc = now });
        await db.SaveChangesAsync();
        return notice.Id;
    }

    /// <summary>The message the pipeline will send to one recipient, for the baseline to send N times.</summary>
    private static async Task<BareMailKitBaseline.SampleMessage> SampleMessageAsync(IServiceProvider services, int noticeId, string baseUrl, byte[] pdf)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var notice = await db.Notices.Include(n => n.Attachments).SingleAsync(n => n.Id == noticeId);
        var site = await scope.ServiceProvider.GetRequiredService<ISiteSettingsService>().GetAsync();
        var spec = scope.ServiceProvider.GetRequiredService<NoticeMessageComposer>()
            .Compose(notice, new NoticeAddressee(1, "school0@bench.example.edu.vn", "Hiệu trưởng 0", "Trường Tiểu học số 0"), NoticeMessageKind.Notice, site, baseUrl);
        return new BareMailKitBaseline.SampleMessage(spec.Subject, spec.TextBody, spec.HtmlBody!, notice.Attachments[0].FileName, pdf);
    }

    /// <summary>A small valid PDF padded to about 30 KB, the size of a typed two-page dispatch.</summary>
    internal static byte[] SamplePdf()
    {
        var body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n";
        var padding = "%" + new string('x', 78) + "\n";
        var text = new System.Text.StringBuilder(body);
        while (text.Length < 30 * 1024) text.Append(padding);
        text.Append("trailer<</Root 1 0 R>>\n%%EOF\n");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }
}
