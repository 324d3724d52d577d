using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChildProtection.Core.Files;
using ChildProtection.Media;
using Npgsql;

namespace ChildProtection.Bench;

/// <summary>
/// <c>bench -- media-store [--postgres "Host=…;Username=…;Password=…"]</c>: a 50 MB PDF uploaded through the
/// media library and downloaded through its public address (whole, then its last megabyte as a range), once
/// on the folder store and once on the database store (PostgreSQL when a server is given — a database is
/// created and dropped —, SQLite otherwise), in one run. Prints each phase's time and the site's peak
/// working set above what it was before the phase: "never a whole file in memory" as figures. The database
/// store runs with its local cache off, so every byte comes from the database.
/// </summary>
internal static class MediaStoreScenario
{
    private const int Megabytes = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        var at = Array.IndexOf(args, "--postgres");
        var server = (at >= 0 && at + 1 < args.Length ? args[at + 1] : null) ?? Environment.GetEnvironmentVariable("CP_TEST_POSTGRES");
        var file = Path.Combine(Path.GetTempPath(), $"cp-bench-{Guid.NewGuid():N}.pdf");
        try
        {
            var length = WriteBigPdf(file, Megabytes * 1024L * 1024);
            Console.Error.WriteLine($"  file: {length / 1048576.0:F1} MB PDF (one page, one uncompressed image)");
            var folder = await MeasureAsync("Folder", new Dictionary<string, string?> { ["Media:Store"] = "Folder" }, file, length);
            Result database;
            if (server is null)
                database = await MeasureAsync("Database (SQLite)", new Dictionary<string, string?> { ["Media:Store"] = "Database", ["Media:LocalCacheMegabytes"] = "0" }, file, length);
            else
            {
                var name = $"cp_bench_files_{Guid.NewGuid():N}";
                await AdminAsync(server, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0");
                try
                {
                    var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
                    database = await MeasureAsync("Database (PostgreSQL)", new Dictionary<string, string?>
                    {
                        ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = cs, ["Media:Store"] = "Database", ["Media:LocalCacheMegabytes"] = "0",
                    }, file, length);
                }
                finally
                {
                    NpgsqlConnection.ClearAllPools();
                    await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                }
            }
            Console.WriteLine($"media-store: one {length / 1048576.0:F0} MB PDF; peak = the site's working set above its level before the phase; upload = IMediaLibrary.StoreAsync (checks included), write = IFileStore.WriteAsync alone");
            Console.WriteLine($"{"store",-24}{"upload s",10}{"peak MB",9}{"write s",9}{"peak MB",9}{"download s",12}{"peak MB",9}{"range s",9}{"peak MB",9}");
            foreach (var r in new[] { folder, database })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Store,-24}{r.UploadSeconds,10:F2}{r.UploadPeak,9:F0}{r.WriteSeconds,9:F2}{r.WritePeak,9:F0}{r.DownloadSeconds,12:F2}{r.DownloadPeak,9:F0}{r.RangeSeconds,9:F3}{r.RangePeak,9:F0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=media-store size_mb={length / 1048576.0:F0} folder_upload_peak_mb={folder.UploadPeak:F0} database_upload_peak_mb={database.UploadPeak:F0} folder_write_peak_mb={folder.WritePeak:F0} database_write_peak_mb={database.WritePeak:F0} folder_download_peak_mb={folder.DownloadPeak:F0} database_download_peak_mb={database.DownloadPeak:F0} folder_download_s={folder.DownloadSeconds:F2} database_download_s={database.DownloadSeconds:F2} database={(server is null ? "sqlite" : "postgres")}"));
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed record Result(string Store, double UploadSeconds, double UploadPeak, double WriteSeconds, double WritePeak, double DownloadSeconds, double DownloadPeak, double RangeSeconds, double RangePeak);

    private static async Task<Result> MeasureAsync(string store, Dictionary<string, string?> settings, string file, long length)
    {
        settings["Media:MaxFileMegabytes"] = "60";
        await using var site = await BenchSite.StartAsync(extraSettings: settings);
        using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var kind = site.Services.GetRequiredService<IFileStore>().Kind;
        Console.Error.WriteLine($"  {store}: the site's store is {kind}");

        MediaScenario.Settle();
        var (upload, uploadPeak, stored) = await PhaseAsync(async () =>
        {
            await using var scope = site.Services.CreateAsyncScope();
            await using var content = File.OpenRead(file);
            var result = await scope.ServiceProvider.GetRequiredService<IMediaLibrary>().StoreAsync(new MediaUpload { Content = content, OriginalName = "Báo cáo năm (bản quét).pdf" });
            return result.File ?? throw new InvalidOperationException(string.Join(" ", result.Errors));
        });
        var url = $"/media/{stored.Id}/{stored.StoredName}";

        // The store's own write, without the upload's checks (the PDF inspection reads the whole document,
        // whichever store the file then goes to).
        MediaScenario.Settle();
        var fileStore = site.Services.GetRequiredService<IFileStore>();
        var (write, writePeak, _) = await PhaseAsync(async () =>
        {
            await using var content = File.OpenRead(file);
            return await fileStore.WriteAsync("media/zz/bench-raw/file.bin", content);
        });
        await fileStore.DeletePrefixAsync("media/zz/bench-raw/");

        MediaScenario.Settle();
        var (download, downloadPeak, received) = await PhaseAsync(async () =>
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            return await CountAsync(body);
        });
        if (received != length) throw new InvalidOperationException($"Downloaded {received} bytes of {length}.");

        MediaScenario.Settle();
        var (range, rangePeak, part) = await PhaseAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(length - 1024 * 1024, length - 1);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != System.Net.HttpStatusCode.PartialContent) throw new InvalidOperationException($"Range answered {response.StatusCode}.");
            await using var body = await response.Content.ReadAsStreamAsync();
            return await CountAsync(body);
        });
        if (part != 1024 * 1024) throw new InvalidOperationException($"The range gave {part} bytes.");
        return new Result(store, upload, uploadPeak, write, writePeak, download, downloadPeak, range, rangePeak);
    }

    private static async Task<(double Seconds, double PeakAboveMb, T Value)> PhaseAsync<T>(Func<Task<T>> work)
    {
        var before = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
        var memory = new MemorySampler();
        var watch = Stopwatch.StartNew();
        var value = await work();
        watch.Stop();
        await memory.DisposeAsync();
        return (watch.Elapsed.TotalSeconds, Math.Max(0, memory.PeakMegabytes - before), value);
    }

    private static async Task<long> CountAsync(Stream body)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    /// <summary>A valid one-page PDF carrying one uncompressed RGB image of about <paramref name="size"/> bytes, written as a stream (never in memory).</summary>
    private static long WriteBigPdf(string path, long size)
    {
        const int width = 4096;
        var height = (int)(size / (width * 3));
        long imageLength = (long)width * height * 3;
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var offsets = new List<long>();
        void Text(string s) { var b = Encoding.ASCII.GetBytes(s); output.Write(b); }
        Text("%PDF-1.4\n");
        offsets.Add(output.Position); Text("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets.Add(output.Position); Text("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        offsets.Add(output.Position); Text("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>\nendobj\n");
        offsets.Add(output.Position);
        Text(string.Create(CultureInfo.InvariantCulture, $"4 0 obj\n<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {imageLength} >>\nstream\n"));
        var random = new Random(7);
        var block = new byte[1 << 20];
        for (long written = 0; written < imageLength; written += block.Length)
        {
            random.NextBytes(block);
            output.Write(block, 0, (int)Math.Min(block.Length, imageLength - written));
        }
        Text("\nendstream\nendobj\n");
        const string draw = "q 595 0 0 842 0 0 cm /Im1 Do Q";
        offsets.Add(output.Position); Text($"5 0 obj\n<< /Length {draw.Length} >>\nstream\n{draw}\nendstream\nendobj\n");
        var xref = output.Position;
        Text($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Text(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        Text(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.Position;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
