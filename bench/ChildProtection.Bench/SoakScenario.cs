using System.Globalization;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 15's memory soak: the site in its own process (<see cref="SiteProcess"/>) on a data folder set up from
/// the setup recipe, 200 connections (<c>--concurrency</c>) for <c>--seconds</c> (600) over the public pages — home,
/// campaign, article, library, event schedule, an event page, search with a few queries, feeds — after a warm-up
/// (<c>--warmup</c>, 60 s) that is left out. Its VmRSS is sampled every 5 s; start is the first sample after the
/// warm-up, end the median of the last minute's samples (one sample is noisy: the collector runs when it likes).
/// </summary>
internal static class SoakScenario
{
    private static readonly string[] Queries = ["đuối nước", "duoi nuoc", "bạo lực", "tổng đài 111", "trẻ em", "an toàn", "xâm hại"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 600, concurrency: 200);
        var warmup = TimeSpan.FromSeconds(int.TryParse(Value(args, "--warmup"), out var w) ? w : 60);
        string folder;
        var paths = new List<string> { "/", "/chien-dich", "/tin-tuc", "/thu-vien", "/su-kien", "/tin-tuc/rss.xml", "/tin-tuc/atom.xml", "/sitemap.xml" };
        await using (var seeding = await BenchSite.StartAsync())
        {
            seeding.KeepData = true;
            folder = seeding.DataPath;
            using var probe = LoadRunner.Client(seeding.BaseAddress, 4);
            await using (var scope = seeding.Services.CreateAsyncScope())
            {
                var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
                foreach (var type in new[] { "Campaign", "Article", "Resource" })
                {
                    var items = await contents.ListPublishedAsync(type, 1, 3);
                    paths.AddRange(items.Items.Where(i => !string.IsNullOrEmpty(i.Path)).Select(i => "/" + i.Path));
                }
            }
            if (await PagesScenario.FindEventWithFormAsync(seeding, probe) is { } eventPath) paths.Add(eventPath);
            paths.AddRange(Queries.Select(q => "/tim-kiem?q=" + Uri.EscapeDataString(q)));
            // Only what answers 200 on the set-up site is part of the mix (a missing feed would only count errors).
            var kept = new List<string>();
            foreach (var path in paths.Distinct())
            {
                if ((await probe.GetAsync(path)).IsSuccessStatusCode) kept.Add(path);
                else Console.WriteLine($"soak: {path} left out (not 200 on the set-up site)");
            }
            paths = kept;
        }
        try
        {
            await using var site = await SiteProcess.StartAsync(folder);
            using var client = LoadRunner.Client(site.BaseAddress, options.Concurrency);
            var next = 0;
            HttpRequestMessage Next() => new(HttpMethod.Get, paths[(int)((uint)Interlocked.Increment(ref next) % (uint)paths.Count)]);

            Console.WriteLine($"soak: {paths.Count} addresses, {options.Concurrency} connections, warm-up {warmup.TotalSeconds:F0} s, measured {options.Seconds} s, the site in its own process (pid {site.Id}), 127.0.0.1");
            var warm = await LoadRunner.RunAsync("warm-up", client, Next, options.Concurrency, warmup, maxSamples: 10_000);
            var samples = new List<(double Seconds, double Rss, double Anon)>();
            using var stop = new CancellationTokenSource();
            var started = DateTime.UtcNow;
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var (rss, anon) = site.ResidentMegabytes();
                    lock (samples) samples.Add(((DateTime.UtcNow - started).TotalSeconds, rss, anon));
                    if (samples.Count % 12 == 1) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t={(DateTime.UtcNow - started).TotalSeconds,5:F0} s rss={rss:F1} MB anon={anon:F1} MB"));
                    try { await Task.Delay(TimeSpan.FromSeconds(5), stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var run = await LoadRunner.RunAsync("soak", client, Next, options.Concurrency, TimeSpan.FromSeconds(options.Seconds), maxSamples: 200_000);
            await stop.CancelAsync();
            await sampler;
            var start = samples[0].Rss;
            var lastMinute = samples.Where(s => s.Seconds >= samples[^1].Seconds - 60).Select(s => s.Rss).Order().ToArray();
            var end = lastMinute[lastMinute.Length / 2];
            var peak = samples.Max(s => s.Rss);
            var growth = (end - start) / start * 100;
            Console.WriteLine($"{"what",-10}{"requests",10}{"errors",8}{"req/s",10}{"p50 ms",9}{"p99 ms",9}");
            foreach (var r in new[] { warm, run })
                Console.WriteLine($"{r.Name,-10}{r.Requests,10}{r.Errors,8}{r.RequestsPerSecond,10:F0}{r.Percentile(50),9:F2}{r.Percentile(99),9:F2}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=soak seconds={options.Seconds} connections={options.Concurrency} requests={run.Requests} rps={run.RequestsPerSecond:F0} p99_ms={run.Percentile(99):F1} rss_start_mb={start:F1} rss_end_mb={end:F1} rss_peak_mb={peak:F1} growth_pct={growth:F1} errors={run.Errors}"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
