using System.Globalization;
using Microsoft.Extensions.FileProviders;

namespace ChildProtection.Bench;

/// <summary>
/// An uncached published page by slug against a static file of the same size, served by the same Kestrel
/// in the same run (the static file first in the pipeline: its best case). Reports requests/s and the ratio.
/// </summary>
internal static class PagesScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 20);
        var staticDir = Directory.CreateTempSubdirectory("cp-bench-static").FullName;
        await using var site = await BenchSite.StartAsync(app => app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(staticDir),
            RequestPath = "/bench-static",
        }));
        using var client = LoadRunner.Client(site.BaseAddress, options.Concurrency);

        const string pagePath = "/tin-tuc/thanh-pho-trien-khai-cac-nhiem-vu-trong-tam-ve-tre-em-nam-2024";
        var page = await client.GetAsync(pagePath);
        if (!page.IsSuccessStatusCode) { Console.Error.WriteLine($"The sample article answered {(int)page.StatusCode}; was the site set up?"); return 1; }
        var body = await page.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(staticDir, "page.html"), body);

        // Warm up both paths (tiered JIT reaches its optimised code, connection pool, SQLite page cache).
        await LoadRunner.RunAsync("warm", client, () => new HttpRequestMessage(HttpMethod.Get, pagePath), options.Concurrency, TimeSpan.FromSeconds(5));
        await LoadRunner.RunAsync("warm", client, () => new HttpRequestMessage(HttpMethod.Get, "/bench-static/page.html"), options.Concurrency, TimeSpan.FromSeconds(5));

        // Alternate short rounds and keep each side's median: load from anything else on the machine then
        // hits both sides alike instead of whichever happened to run during a spike.
        var duration = TimeSpan.FromSeconds(Math.Max(1.0, options.Seconds / (double)Rounds));
        var statics = new List<LoadRunner.Result>();
        var pages = new List<LoadRunner.Result>();
        for (var round = 0; round < Rounds; round++)
        {
            statics.Add(await LoadRunner.RunAsync("static file", client, () => new HttpRequestMessage(HttpMethod.Get, "/bench-static/page.html"), options.Concurrency, duration));
            pages.Add(await LoadRunner.RunAsync("page (uncached)", client, () => new HttpRequestMessage(HttpMethod.Get, pagePath), options.Concurrency, duration));
        }
        var staticResult = Median(statics);
        var pageResult = Median(pages);
        var roundRatios = statics.Zip(pages, (a, b) => b.RequestsPerSecond / a.RequestsPerSecond).ToList();

        // Context rows: the site's middleware alone, and one published item read as JSON.
        var pipelineResult = await LoadRunner.RunAsync("pipeline only", client, () => new HttpRequestMessage(HttpMethod.Get, "/health/live"), options.Concurrency, duration * 2);
        var apiResult = await LoadRunner.RunAsync("api item (json)", client, () => new HttpRequestMessage(HttpMethod.Get, "/api/content/article2869"), options.Concurrency, duration * 2);

        var ratio = pageResult.RequestsPerSecond / staticResult.RequestsPerSecond;
        Console.WriteLine($"pages: {body.Length:N0} bytes each, {options.Concurrency} connections, {Rounds} alternating rounds of {duration.TotalSeconds:F1} s per side (median round shown), 127.0.0.1");
        Console.WriteLine("per-round ratios: " + string.Join(" ", roundRatios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture))));
        Console.WriteLine($"{"what",-18}{"requests",10}{"errors",8}{"req/s",10}{"p50 ms",9}{"p95 ms",9}");
        foreach (var r in new[] { staticResult, pageResult, pipelineResult, apiResult })
            Console.WriteLine($"{r.Name,-18}{r.Requests,10}{r.Errors,8}{r.RequestsPerSecond,10:F0}{r.Percentile(50),9:F2}{r.Percentile(95),9:F2}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=pages bytes={body.Length} static_rps={staticResult.RequestsPerSecond:F0} uncached_rps={pageResult.RequestsPerSecond:F0} uncached_ratio={ratio:F3} errors={pageResult.Errors + staticResult.Errors}"));
        Directory.Delete(staticDir, recursive: true);
        return 0;
    }

    private const int Rounds = 5;

    private static LoadRunner.Result Median(List<LoadRunner.Result> results) =>
        results.OrderBy(r => r.RequestsPerSecond).ElementAt(results.Count / 2);
}
