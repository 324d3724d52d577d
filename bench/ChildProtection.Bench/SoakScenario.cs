using System.Globalization;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 15's memory soak: the site in its own process (<see cref="SiteProcess"/>) on a data folder set up from
/// the setup recipe, 200 connections (<c>--concurrency</c>) for <c>--seconds</c> (600) over the public pages — home,
/// campaign, article, library, event schedule, an event page, search with a few queries, feeds — after a warm-up
/// (<c>--warmup</c>, 60 s) that is left out: by its end every address of the mix has been served thousands of times,
/// so the page store, the output cache and the value caches hold all they will hold. Its VmRSS is sampled every 5 s;
/// start is the median of the first minute's samples after the warm-up, end the median of the last minute's (one
/// sample is noisy: the collector runs when it likes), and the slope over the run says whether anything keeps growing.
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
            var samples = new List<(double Seconds, ProcessStatus Status)>();
            var every = int.TryParse(Value(args, "--print-every"), out var pe) && pe > 0 ? pe : 12;
            using var stop = new CancellationTokenSource();
            var started = DateTime.UtcNow;
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var status = site.Status();
                    int count;
                    lock (samples)
                    {
                        samples.Add(((DateTime.UtcNow - started).TotalSeconds, status));
                        count = samples.Count;
                    }
                    if (count % every == 1)
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  t={(DateTime.UtcNow - started).TotalSeconds,5:F0} s rss={status.Resident:F1} MB anon={status.Anon:F1} MB file={status.File:F1} MB shared={status.Shared:F1} MB threads={status.Threads}"));
                    try { await Task.Delay(TimeSpan.FromSeconds(5), stop.Token); } catch (OperationCanceledException) { }
                }
            });
            var run = await LoadRunner.RunAsync("soak", client, Next, options.Concurrency, TimeSpan.FromSeconds(options.Seconds), maxSamples: 200_000);
            await stop.CancelAsync();
            await sampler;

            // Start and end are the same kind of figure: the median of a minute's samples (first minute after the
            // warm-up, last minute of the run). The site's anonymous memory is a saw-tooth of 15–20 MB — gen2 fills
            // with the garbage of re-rendered pages (every PageCacheTags.Lifetime) until the collector runs — so one
            // sample against a median measured the saw-tooth's phase, not growth. A leak still shows in the end
            // median, and in the slope: a least-squares fit of every sample after the first minute, MB per minute.
            var window = Math.Min(60, options.Seconds / 4.0);
            var last = samples[^1].Seconds;
            var first = samples.Where(x => x.Seconds <= window).Select(x => x.Status).ToArray();
            var final = samples.Where(x => x.Seconds >= last - window).Select(x => x.Status).ToArray();
            var start = Median(first.Select(x => x.Resident));
            var end = Median(final.Select(x => x.Resident));
            var peak = samples.Max(x => x.Status.Resident);
            var growth = (end - start) / start * 100;
            var slope = Slope(samples.Where(x => x.Seconds > window).Select(x => (x.Seconds / 60, x.Status.Resident)).ToArray());
            Console.WriteLine($"{"what",-10}{"requests",10}{"errors",8}{"req/s",10}{"p50 ms",9}{"p99 ms",9}");
            foreach (var r in new[] { warm, run })
                Console.WriteLine($"{r.Name,-10}{r.Requests,10}{r.Errors,8}{r.RequestsPerSecond,10:F0}{r.Percentile(50),9:F2}{r.Percentile(99),9:F2}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak: first minute / last minute medians: anon {Median(first.Select(x => x.Anon)):F1} / {Median(final.Select(x => x.Anon)):F1} MB, file {Median(first.Select(x => x.File)):F1} / {Median(final.Select(x => x.File)):F1} MB, shared {Median(first.Select(x => x.Shared)):F1} / {Median(final.Select(x => x.Shared)):F1} MB, threads {first[0].Threads} → {final[^1].Threads}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=soak seconds={options.Seconds} connections={options.Concurrency} requests={run.Requests} rps={run.RequestsPerSecond:F0} p99_ms={run.Percentile(99):F1} rss_first_mb={samples[0].Status.Resident:F1} rss_start_mb={start:F1} rss_end_mb={end:F1} rss_peak_mb={peak:F1} rss_slope_mb_per_min={slope:F2} growth_pct={growth:F1} errors={run.Errors}"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Least-squares slope of y over x (0 with fewer than two points).</summary>
    private static double Slope((double X, double Y)[] points)
    {
        if (points.Length < 2) return 0;
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx == 0 ? 0 : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
