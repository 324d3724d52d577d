using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Buffers.Binary;
using ChildProtection.Media;
using ChildProtection.Media.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ChildProtection.Bench;

/// <summary>
/// A 24-megapixel JPEG poster stored through the real pipeline (IMediaLibrary.StoreAsync: copy and hash,
/// checks by content, Identify, decode, every derivative at 1280/640/320 in JPEG and WebP, the row)
/// against a bare ImageSharp resize of the same bytes to the same sizes with the same encoders, in
/// alternating rounds of one run. Then the decompression-bomb PNG: refused, how fast and with how much
/// extra memory. Prints both times, ratio= and peak working sets.
/// </summary>
internal static class MediaScenario
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        var poster = Poster24Mp();
        Console.Error.WriteLine($"  poster: 6000 × 4000 JPEG, {poster.Length / 1048576.0:F1} MB");
        await using var site = await BenchSite.StartAsync(extraSettings: new Dictionary<string, string?>
        {
            // Measured in the request, not in a background job: the work is the same, minus the queue's wait.
            ["Media:InlineMegapixels"] = "100",
        });
        var options = site.Services.GetRequiredService<MediaOptions>();

        // Warm-up: JIT and the pools of both paths.
        await PipelineAsync(site, poster, "warm-up");
        await BaselineAsync(poster, options);

        var pipeline = new List<double>();
        var baseline = new List<double>();
        double pipelinePeak = 0, baselinePeak = 0;
        for (var round = 0; round < Rounds; round++)
        {
            Settle();
            await using (var memory = new MemorySampler())
            {
                pipeline.Add(await PipelineAsync(site, poster, $"round-{round}"));
                pipelinePeak = Math.Max(pipelinePeak, memory.PeakMegabytes);
            }
            Settle();
            await using (var memory = new MemorySampler())
            {
                baseline.Add(await BaselineAsync(poster, options));
                baselinePeak = Math.Max(baselinePeak, memory.PeakMegabytes);
            }
        }
        var p = Median(pipeline);
        var b = Median(baseline);

        // The bomb: 20,000 × 20,000 grey pixels in well under a megabyte.
        var bomb = BombPng(20_000);
        var bombTimes = new List<double>();
        double bombExtraMb = 0, bombAllocatedMb = 0;
        for (var i = 0; i < 5; i++)
        {
            Settle();
            var before = Process.GetCurrentProcess().WorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var memory = new MemorySampler();
            var watch = Stopwatch.StartNew();
            await using var scope = site.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediaLibrary>().StoreAsync(new MediaUpload { Content = new MemoryStream(bomb), OriginalName = "bom.png" });
            watch.Stop();
            if (result.Succeeded) { Console.Error.WriteLine("The bomb was stored!"); return 1; }
            bombTimes.Add(watch.Elapsed.TotalMilliseconds);
            bombAllocatedMb = Math.Max(bombAllocatedMb, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
            await memory.DisposeAsync();
            bombExtraMb = Math.Max(bombExtraMb, memory.PeakMegabytes - before / 1048576.0);
            if (i == 0) Console.WriteLine($"bomb: {bomb.Length / 1024} KB claiming 20000 × 20000 → \"{result.Errors[0]}\"");
        }

        Console.WriteLine($"media: 6000 × 4000 JPEG ({poster.Length / 1048576.0:F1} MB) → 1280/640/320 as JPEG q{options.JpegQuality} + WebP q{options.WebpQuality}; {Rounds} alternating rounds, median shown");
        Console.WriteLine($"{"what",-34}{"seconds",10}{"peak MB",10}");
        Console.WriteLine($"{"bare ImageSharp resize",-34}{b,10:F2}{baselinePeak,10:F0}");
        Console.WriteLine($"{"pipeline (StoreAsync)",-34}{p,10:F2}{pipelinePeak,10:F0}");
        Console.WriteLine("per-round seconds: pipeline " + string.Join(" ", pipeline.Select(x => x.ToString("F2", CultureInfo.InvariantCulture))) + " · bare " + string.Join(" ", baseline.Select(x => x.ToString("F2", CultureInfo.InvariantCulture))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bomb: refused in median {Median(bombTimes):F1} ms, max {bombTimes.Max():F1} ms; extra working set {Math.Max(0, bombExtraMb):F1} MB; allocated {bombAllocatedMb:F1} MB (targets: < 100 ms, < 50 MB)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=media pipeline_s={p:F2} bare_s={b:F2} ratio={p / b:F3} pipeline_peak_mb={pipelinePeak:F0} bare_peak_mb={baselinePeak:F0} bomb_ms={bombTimes.Max():F1} bomb_extra_mb={Math.Max(0, bombExtraMb):F1}"));
        return 0;
    }

    private static async Task<double> PipelineAsync(BenchSite site, byte[] poster, string name)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = site.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        var result = await library.StoreAsync(new MediaUpload { Content = new MemoryStream(poster, writable: false), OriginalName = $"Áp phích {name}.jpg", AltText = "Áp phích" });
        watch.Stop();
        if (!result.Succeeded || !result.File!.DerivativesReady) throw new InvalidOperationException("The poster was not stored with its derivatives: " + string.Join(" ", result.Errors));
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>What a developer would write with ImageSharp and nothing else: load, and for each width a resized clone saved as JPEG and WebP.</summary>
    private static async Task<double> BaselineAsync(byte[] poster, MediaOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("cp-bench-bare").FullName;
        var watch = Stopwatch.StartNew();
        using (var image = Image.Load<Rgb24>(poster))
        {
            foreach (var width in new[] { 1280, 640, 320 })
            {
                using var resized = image.Clone(x => x.Resize(width, 0, KnownResamplers.Bicubic));
                await resized.SaveAsync(Path.Combine(folder, $"{width}.jpg"), new JpegEncoder { Quality = options.JpegQuality });
                await resized.SaveAsync(Path.Combine(folder, $"{width}.webp"), new WebpEncoder { Quality = options.WebpQuality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 });
            }
        }
        watch.Stop();
        Directory.Delete(folder, recursive: true);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>6000 × 4000 (24 MP): gradients and stripes, so the JPEG is poster-sized, not a flat colour.</summary>
    private static byte[] Poster24Mp()
    {
        using var image = new Image<Rgb24>(6000, 4000);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    // Gradients, stripes and a little grain, as a photographed or scanned poster has.
                    var grain = (int)((uint)((x * 73856093) ^ (y * 19349663)) % 24) - 12;
                    row[x] = new Rgb24((byte)Math.Clamp(x * 255 / 6000 + grain, 0, 255), (byte)Math.Clamp(y * 255 / 4000 - grain, 0, 255),
                        (byte)((x / 40 + y / 40) % 2 == 0 ? 220 + grain / 2 : (x ^ y) & 0xFF));
                }
            }
        });
        using var ms = new MemoryStream();
        image.Save(ms, new JpegEncoder { Quality = 90 });
        return ms.ToArray();
    }

    private static byte[] BombPng(int side)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 8;
        Chunk(ms, "IHDR", ihdr);
        using (var idat = new MemoryStream())
        {
            using (var z = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
            {
                var row = new byte[side + 1];
                for (var y = 0; y < side; y++) z.Write(row);
            }
            Chunk(ms, "IDAT", idat.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(four, ~crc);
        s.Write(four);
    }

    internal static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
