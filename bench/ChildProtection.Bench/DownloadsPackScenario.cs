using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Media;

namespace ChildProtection.Bench;

/// <summary>
/// The campaign material pack of issue 4: a campaign whose public resources hold about 200 MB of PDFs,
/// downloaded as one ZIP through the site while the site's working set is sampled. The pack is written
/// into the response as it is read, so the peak should stay near the idle site's size whatever the pack's
/// size (target: peak under 150 MB).
/// The measured process is the site alone, as it is deployed: the files are made and stored by this
/// process, then ChildProtection.Web.dll runs in a process of its own on that data folder (its own
/// runtimeconfig, no benchmark code, no seeding memory), and this process downloads the pack and reads the
/// site's resident size from /proc/PID/status every 50 ms.
/// </summary>
internal static class DownloadsPackScenario
{
    public sealed record Result(long Bytes, int Files, double Seconds, double BaselineMegabytes, double PeakMegabytes, double BaselineAnonMegabytes, double PeakAnonMegabytes)
    {
        public double MegabytesPerSecond => Bytes / 1024.0 / 1024.0 / Seconds;
    }

    /// <summary>200 MB in 8 PDFs of 25 MB; a larger pack (<c>--pack-mb</c>) in more files of 25 MB (the upload limit is 50 MB).</summary>
    private const int MinFileCount = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = int.TryParse(Value(args, "--pack-mb"), out var mb) ? mb : 200;
        var fileCount = Math.Max(MinFileCount, (megabytes + 24) / 25);
        string campaignId;
        long fileBytes;
        string folder;
        await using (var seeding = await BenchSite.StartAsync())
        {
            seeding.KeepData = true;
            folder = seeding.DataPath;
            (campaignId, fileBytes) = await SeedAsync(seeding, fileCount, (int)((long)megabytes * 1024 * 1024 / fileCount));
        }
        try
        {
            await using var site = await SiteProcess.StartAsync(folder);
            var result = await MeasureAsync(site, campaignId, fileBytes, fileCount);
            Console.WriteLine($"downloads (campaign pack): {result.Files} PDFs, {result.Bytes / 1024.0 / 1024.0:F1} MB as one streamed ZIP, 127.0.0.1");
            Console.WriteLine("the site in its own process (ChildProtection.Web.dll); working set = its VmRSS (heap, code, mapped assemblies); anon = RssAnon");
            Console.WriteLine($"{"what",-22}{"MB",8}{"seconds",9}{"MB/s",8}{"idle WS",9}{"peak WS",9}{"idle anon",11}{"peak anon",11}");
            Console.WriteLine($"{"campaign pack (zip)",-22}{result.Bytes / 1024.0 / 1024.0,8:F1}{result.Seconds,9:F2}{result.MegabytesPerSecond,8:F1}{result.BaselineMegabytes,9:F1}{result.PeakMegabytes,9:F1}{result.BaselineAnonMegabytes,11:F1}{result.PeakAnonMegabytes,11:F1}");
            Console.WriteLine(Line(result));
            return 0;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public static string Line(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"scenario=downloads pack_mb={r.Bytes / 1024.0 / 1024.0:F1} pack_files={r.Files} pack_mb_per_s={r.MegabytesPerSecond:F1} pack_idle_mb={r.BaselineMegabytes:F1} pack_peak_mb={r.PeakMegabytes:F1} pack_growth_mb={r.PeakMegabytes - r.BaselineMegabytes:F1} pack_peak_anon_mb={r.PeakAnonMegabytes:F1}");

    /// <summary>Downloads the campaign's pack from the site process; the figures of the download alone.</summary>
    private static async Task<Result> MeasureAsync(SiteProcess site, string campaignId, long fileBytes, int fileCount)
    {
        using var client = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        // Warm the path with a small request (JIT, connection) before measuring, then let the start-up work
        // in the background (index catch-up, the job server's first polls) finish.
        (await client.GetAsync("/thu-vien")).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var baseline = site.ResidentMegabytes();
        if (Environment.GetEnvironmentVariable("BENCH_SMAPS") is { } smapsPath) File.Copy($"/proc/{site.Id}/smaps", smapsPath, overwrite: true);

        long bytes = 0;
        var clock = Stopwatch.StartNew();
        (double Resident, double Anon) peak;
        await using (var sampler = new ProcessMemorySampler(site))
        {
            using var response = await client.GetAsync($"/bo-tai-lieu/{campaignId}.zip", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) bytes += read;
            clock.Stop();
            await Task.Delay(100);
            peak = sampler.Peak;
        }
        if (bytes < fileBytes) throw new InvalidOperationException($"The pack held {bytes:N0} bytes, less than its files ({fileBytes:N0}).");
        return new Result(bytes, fileCount, clock.Elapsed.TotalSeconds, baseline.Resident, Math.Max(peak.Resident, baseline.Resident), baseline.Anon, Math.Max(peak.Anon, baseline.Anon));
    }

    /// <summary>The largest resident and anonymous sizes of the site process, read every 50 ms.</summary>
    private sealed class ProcessMemorySampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        public (double Resident, double Anon) Peak { get; private set; }

        public ProcessMemorySampler(SiteProcess site)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var now = site.ResidentMegabytes();
                    Peak = (Math.Max(Peak.Resident, now.Resident), Math.Max(Peak.Anon, now.Anon));
                    try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
                }
            });
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }

    public static async Task<(string CampaignId, long FileBytes)> SeedAsync(BenchSite site, int fileCount, int perFile)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var media = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();

        var campaign = await contents.NewAsync("Campaign");
        campaign.GetOrCreatePart("TitlePart")["Title"] = "Chiến dịch đo bộ tài liệu";
        var period = campaign.GetOrCreatePart("CampaignPart");
        period["StartDate"] = "2025-06-01";
        period["EndDate"] = "2025-06-30";
        var saved = await contents.SaveAsync(campaign, new SaveOptions { Publish = true, User = BenchSite.AdminUser });
        if (!saved.Succeeded) throw new InvalidOperationException("Campaign: " + string.Join("; ", saved.Errors.Select(e => e.Format())));
        var campaignId = saved.Item!.ContentItemId;
        long fileBytes = 0;

        for (var i = 0; i < fileCount; i++)
        {
            var path = Path.Combine(site.DataPath, $"bench-handbook-{i}.pdf");
            WritePdf(path, perFile, i);
            MediaStoreResult stored;
            await using (var stream = File.OpenRead(path))
                stored = await media.StoreAsync(new MediaUpload { Content = stream, OriginalName = $"Sổ tay tập huấn {i + 1} – bản in A4.pdf", Folder = "bench" });
            File.Delete(path);
            if (!stored.Succeeded) throw new InvalidOperationException("Media: " + string.Join("; ", stored.Errors));
            fileBytes += stored.File!.Length;

            var resource = await contents.NewAsync("Resource");
            resource.GetOrCreatePart("TitlePart")["Title"] = $"Sổ tay tập huấn số {i + 1}";
            var part = resource.GetOrCreatePart("ResourcePart");
            part["Kind"] = "handbook";
            part["CampaignIds"] = new JsonArray(JsonValue.Create(campaignId));
            part["Files"] = new JsonArray(new JsonObject { ["Label"] = "Bản in A4 (PDF)", ["mediaId"] = stored.File!.Id });
            var result = await contents.SaveAsync(resource, new SaveOptions { Publish = true, User = BenchSite.AdminUser });
            if (!result.Succeeded) throw new InvalidOperationException("Resource: " + string.Join("; ", result.Errors.Select(e => e.Format())));
        }
        return (campaignId, fileBytes);
    }

    /// <summary>A valid one-page PDF of about <paramref name="size"/> bytes: the bulk is an unreferenced binary stream (incompressible, like scanned print files).</summary>
    private static void WritePdf(string path, int size, int seed)
    {
        using var file = File.Create(path);
        var offsets = new List<long>();
        void Text(string s) { var b = Encoding.Latin1.GetBytes(s); file.Write(b); }
        Text("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(file.Position);
            Text($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var padding = Math.Max(0, size - 1024);
        offsets.Add(file.Position);
        Text($"5 0 obj\n<< /Length {padding} >>\nstream\n");
        var random = new Random(seed);
        var chunk = new byte[1024 * 1024];
        for (var left = padding; left > 0; left -= chunk.Length)
        {
            random.NextBytes(chunk);
            file.Write(chunk, 0, Math.Min(chunk.Length, left));
        }
        Text("\nendstream\nendobj\n");
        var xref = file.Position;
        Text($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Text($"{o:D10} 00000 n \n");
        Text($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
