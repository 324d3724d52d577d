using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChildProtection.Media;
using Microsoft.Extensions.FileProviders;

namespace ChildProtection.Bench;

/// <summary>
/// Downloads side by side on one Kestrel over loopback: a 50 MB handbook (PDF) through the site's media
/// address (/media/{id}/{name}: the record lookup, the restricted check, range/ETag support, our headers)
/// against the same bytes from the static-file middleware put first in the pipeline (its best case).
/// Alternating rounds, median shown; ratio= is media throughput over static throughput.
/// <para>
/// Each comparison is a <see cref="Pair"/>; the campaign-pack part (the Library module's ZIP) adds its
/// own rows through <see cref="Parts"/> without touching the single-file measurement.
/// </para>
/// </summary>
internal static class DownloadsScenario
{
    private const int Rounds = 5;

    /// <summary>One thing downloaded two ways.</summary>
    internal sealed record Pair(string Name, string Url, string BaselineName, string BaselineUrl, long ExpectedBytes);

    /// <summary>Further parts of the scenario (e.g. the 200 MB campaign pack); each gets the running site and prints its own lines.</summary>
    internal static readonly List<Func<BenchSite, BenchArgs, Task<int>>> Parts = [];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 20, concurrency: 4);
        var staticDir = Directory.CreateTempSubdirectory("cp-bench-static").FullName;
        await using var site = await BenchSite.StartAsync(app => app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(staticDir),
            RequestPath = "/bench-static",
            ServeUnknownFileTypes = false,
        }));

        var handbook = HandbookPdf(50L * 1024 * 1024);
        await File.WriteAllBytesAsync(Path.Combine(staticDir, "so-tay.pdf"), handbook);
        MediaFile file;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IMediaLibrary>().StoreAsync(new MediaUpload
            {
                Content = new MemoryStream(handbook, writable: false), OriginalName = "Sổ tay bảo vệ trẻ em.pdf", Folder = "tai-lieu",
            });
            if (!stored.Succeeded) { Console.Error.WriteLine("The handbook was refused: " + string.Join(" ", stored.Errors)); return 1; }
            file = stored.File!;
        }
        var pair = new Pair("media endpoint", $"/media/{file.Id}/{file.StoredName}?download=1", "static file", "/bench-static/so-tay.pdf", handbook.Length);
        handbook = [];
        MediaScenario.Settle();

        var code = await ComparePairAsync(site, pair, options);
        foreach (var part in Parts) code = Math.Max(code, await part(site, options));
        Directory.Delete(staticDir, recursive: true);
        return code;
    }

    internal static async Task<int> ComparePairAsync(BenchSite site, Pair pair, BenchArgs options)
    {
        using var client = LoadRunner.Client(site.BaseAddress, options.Concurrency);
        client.Timeout = TimeSpan.FromMinutes(5);
        // Both answer the same bytes first.
        foreach (var url in new[] { pair.Url, pair.BaselineUrl })
        {
            var (bytes, errors) = await DownloadOnceAsync(client, url);
            if (bytes != pair.ExpectedBytes || errors > 0) { Console.Error.WriteLine($"{url} answered {bytes} bytes, expected {pair.ExpectedBytes}"); return 1; }
        }
        await MeasureAsync(client, pair.BaselineUrl, options.Concurrency, TimeSpan.FromSeconds(3));
        await MeasureAsync(client, pair.Url, options.Concurrency, TimeSpan.FromSeconds(3));

        var duration = TimeSpan.FromSeconds(Math.Max(2.0, options.Seconds / (double)Rounds));
        var baseline = new List<Throughput>();
        var measured = new List<Throughput>();
        double peak = 0;
        await using (var memory = new MemorySampler())
        {
            for (var round = 0; round < Rounds; round++)
            {
                baseline.Add(await MeasureAsync(client, pair.BaselineUrl, options.Concurrency, duration));
                measured.Add(await MeasureAsync(client, pair.Url, options.Concurrency, duration));
            }
            peak = memory.PeakMegabytes;
        }
        var b = baseline.OrderBy(t => t.MegabytesPerSecond).ElementAt(Rounds / 2);
        var m = measured.OrderBy(t => t.MegabytesPerSecond).ElementAt(Rounds / 2);
        var ratio = m.MegabytesPerSecond / b.MegabytesPerSecond;
        Console.WriteLine($"downloads: {pair.ExpectedBytes / 1048576.0:F0} MB file, {options.Concurrency} connections, {Rounds} alternating rounds of {duration.TotalSeconds:F1} s per side (median round shown), 127.0.0.1");
        Console.WriteLine("per-round ratios: " + string.Join(" ", baseline.Zip(measured, (x, y) => (y.MegabytesPerSecond / x.MegabytesPerSecond).ToString("F3", CultureInfo.InvariantCulture))));
        Console.WriteLine($"{"what",-18}{"downloads",10}{"errors",8}{"MB/s",10}{"s each",9}");
        foreach (var (name, t) in new[] { (pair.BaselineName, b), (pair.Name, m) })
            Console.WriteLine($"{name,-18}{t.Downloads,10}{t.Errors,8}{t.MegabytesPerSecond,10:F0}{t.SecondsEach,9:F3}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=downloads part=single-file bytes={pair.ExpectedBytes} static_mbps={b.MegabytesPerSecond:F0} media_mbps={m.MegabytesPerSecond:F0} ratio={ratio:F3} peak_mb={peak:F0} errors={b.Errors + m.Errors}"));
        return 0;
    }

    internal sealed record Throughput(long Downloads, long Errors, long Bytes, double Seconds)
    {
        public double MegabytesPerSecond => Bytes / 1048576.0 / Seconds;
        public double SecondsEach => Downloads == 0 ? 0 : Seconds / Downloads;
    }

    /// <summary>N connections each downloading the URL again and again into a reused buffer until the time is up (a download in flight finishes).</summary>
    internal static async Task<Throughput> MeasureAsync(HttpClient client, string url, int concurrency, TimeSpan duration)
    {
        long downloads = 0, errors = 0, bytes = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var (read, failed) = await DownloadOnceAsync(client, url);
                Interlocked.Add(ref bytes, read);
                Interlocked.Add(ref errors, failed);
                Interlocked.Increment(ref downloads);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new Throughput(downloads, errors, bytes, watch.Elapsed.TotalSeconds);
    }

    private static async Task<(long Bytes, int Errors)> DownloadOnceAsync(HttpClient client, string url)
    {
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode) return (0, 1);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) total += read;
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            return (total, 0);
        }
        catch (HttpRequestException) { return (0, 1); }
    }

    /// <summary>A one-page PDF of <paramref name="size"/> bytes: the page, then an unreferenced binary stream that fills it out (a handbook's scans).</summary>
    internal static byte[] HandbookPdf(long size)
    {
        var ms = new MemoryStream((int)size + 1024);
        var offsets = new List<long>();
        void Write(string s) { var b = Encoding.ASCII.GetBytes(s); ms.Write(b); }
        Write("%PDF-1.7\n%\u00e2\u00e3\n");
        offsets.Add(ms.Position); Write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(ms.Position); Write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.Add(ms.Position); Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n");
        var fill = (int)(size - ms.Position - 400);
        offsets.Add(ms.Position); Write($"4 0 obj\n<< /Length {fill} >>\nstream\n");
        var random = new Random(42);
        var chunk = new byte[1 << 20];
        for (var left = fill; left > 0; left -= chunk.Length)
        {
            random.NextBytes(chunk);
            ms.Write(chunk, 0, Math.Min(left, chunk.Length));
        }
        Write("\nendstream\nendobj\n");
        var xref = ms.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) Write($"{o:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        // Pad the tail with PDF comments up to the exact size asked for.
        while (ms.Length < size) Write(new string(' ', (int)Math.Min(80, size - ms.Length - 1)) + "\n");
        return ms.ToArray();
    }
}
