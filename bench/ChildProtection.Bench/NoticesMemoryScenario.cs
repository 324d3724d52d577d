using System.Diagnostics;
using System.Globalization;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 16's memory target measured on the site alone: a notice to N recipients (100,000) sent by the site
/// in its own process, as operators run it, with that process's resident set sampled every 50 ms from
/// /proc. The in-process <c>notices</c> scenario's peak also holds the bench's own code, its seeding of the
/// directory and the bare MailKit loop; this one holds only the site.
/// </summary>
internal static class NoticesMemoryScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, concurrency: 2, items: 100_000);
        var size = options.Items;
        var connections = Math.Clamp(options.Concurrency, 1, 10);

        await using var sink = await SinkProcess.StartAsync();
        string folder;
        int noticeId;
        // Seeded in this process without a job server, so nothing is sent before the site process runs.
        await using (var seeding = await BenchSite.StartAsync(extraSettings: new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }))
        {
            seeding.KeepData = true;
            folder = seeding.DataPath;
            await NoticesScenario.ConfigureMailAsync(seeding.Services, sink.Port, connections);
            await NoticesScenario.SeedDirectoryAsync(seeding.Services, 0, size);
            noticeId = await NoticesScenario.CreateNoticeAsync(seeding.Services, NoticesScenario.SamplePdf(), size);
            await using var scope = seeding.Services.CreateAsyncScope();
            // Due a while ago: the site process's start-up recovery starts it.
            await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Notices.Where(n => n.Id == noticeId).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.SentBy, "bench").SetProperty(n => n.ScheduledUtc, (DateTime?)DateTime.UtcNow.AddMinutes(-5)));
        }
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Jobs__WorkerCount"] = (connections + 2).ToString(CultureInfo.InvariantCulture),
                ["Jobs__PollSeconds"] = "0.2",
            };
            var before = await sink.ReceivedAsync();
            await using var site = await SiteProcess.StartAsync(folder, SiteProcess.FreePort(), environment, "/health/live");
            var started = site.Status();
            var peak = started;
            using var stop = new CancellationTokenSource();
            var sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var now = site.Status();
                    if (now.Resident > peak.Resident) peak = now;
                    try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
                }
            });
            // Timed from the first message the sink holds to the last, so the site's start is not counted.
            var waitFirst = Stopwatch.StartNew();
            while (await sink.ReceivedAsync() == before && waitFirst.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(20);
            var watch = Stopwatch.StartNew();
            await NoticesCrashScenario.WaitForCompletionAsync(folder, noticeId);
            var seconds = watch.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            await sampling;
            var received = await sink.ReceivedAsync() - before;
            if (received < size) throw new InvalidOperationException($"The sink received {received} of {size} messages.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"notices-memory: {size:N0} recipients, {connections} connections, the site in its own process; resident set at start {started.Resident:F0} MB, at peak {peak.Resident:F0} MB (anonymous {peak.Anon:F0}, files {peak.File:F0}, shared {peak.Shared:F0} — the shared part is the runtime's double mapping of jitted code), {peak.Threads} threads"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=notices-memory recipients={size} connections={connections} site_rss_start_mb={started.Resident:F0} site_rss_peak_mb={peak.Resident:F0} site_anon_peak_mb={peak.Anon:F0} pipeline_msgs_per_s={size / seconds:F0}"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
