using System.Globalization;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 6's pages scenario: a published campaign page served from the output cache and the same page
/// rendered fresh, against a static file of the same bytes, all from the same Kestrel in the same run (the
/// static file first in the pipeline: its best case). Reports requests/s and both ratios.
/// </summary>
internal static class PagesScenario
{
    /// <summary>A request with this header is rendered fresh: the benchmark's own middleware marks it, the site has no such switch.</summary>
    private const string UncachedHeader = "X-Bench-Uncached";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 30);
        var staticDir = Directory.CreateTempSubdirectory("cp-bench-static").FullName;
        await using var site = await BenchSite.StartAsync(app =>
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(staticDir),
                RequestPath = "/bench-static",
            });
            app.Use((http, next) =>
            {
                if (http.Request.Headers.ContainsKey(UncachedHeader))
                {
                    PublicPageFill.RenderFresh(http);
                    http.RequestServices.GetRequiredService<PageCacheTags>().DoNotCache();
                }
                return next(http);
            });
        });
        using var client = LoadRunner.Client(site.BaseAddress, options.Concurrency);

        // The first published campaign (the setup recipe has one), at its public address.
        string pagePath;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var campaigns = await scope.ServiceProvider.GetRequiredService<IContentManager>().ListPublishedAsync("Campaign", 1, 1);
            if (campaigns.Items.Count == 0 || string.IsNullOrEmpty(campaigns.Items[0].Path)) { Console.Error.WriteLine("No published campaign; was the site set up?"); return 1; }
            pagePath = "/" + campaigns.Items[0].Path;
        }
        // The first published event page with an open registration form (issue 15: such pages are cacheable too).
        var eventPath = await FindEventWithFormAsync(site, client);
        var page = await client.GetAsync(pagePath);
        if (!page.IsSuccessStatusCode) { Console.Error.WriteLine($"The campaign page {pagePath} answered {(int)page.StatusCode}."); return 1; }
        var body = await page.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(staticDir, "page.html"), body);
        HttpRequestMessage Static() => new(HttpMethod.Get, "/bench-static/page.html");
        HttpRequestMessage Cached() => new(HttpMethod.Get, pagePath);
        HttpRequestMessage Uncached()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, pagePath);
            request.Headers.Add(UncachedHeader, "1");
            return request;
        }

        // The cached side really is served from the cache (a hit carries Age), the uncached side never is.
        var hit = await client.SendAsync(Cached());
        var miss = await client.SendAsync(Uncached());
        if (hit.Headers.Age is null || miss.Headers.Age is not null) { Console.Error.WriteLine("The cached page was not a cache hit, or the uncached one was."); return 1; }

        // Profiling aid (issue 15): only the uncached campaign page, for --seconds, so a profiler attached to this
        // process (its id is printed) sees the render and nothing else of the scenario.
        if (args.Contains("--uncached-only"))
        {
            await LoadRunner.RunAsync("warm", client, Uncached, options.Concurrency, TimeSpan.FromSeconds(4));
            Console.WriteLine($"pid={Environment.ProcessId} uncached load on {pagePath} for {options.Seconds} s");
            // Bytes allocated per request (this process: the site and its load alike) hold still on a busy machine where req/s does not.
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var only = await LoadRunner.RunAsync("page (uncached)", client, Uncached, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
            var perRequest = (GC.GetTotalAllocatedBytes() - allocatedBefore) / Math.Max(1, only.Requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=pages-uncached requests={only.Requests} errors={only.Errors} uncached_rps={only.RequestsPerSecond:F0} p50_ms={only.Percentile(50):F2} allocated_per_request={perRequest}"));
            Directory.Delete(staticDir, recursive: true);
            return 0;
        }

        // Warm up every path (tiered JIT reaches its optimised code, connection pool, SQLite page cache).
        foreach (var make in new Func<HttpRequestMessage>[] { Static, Cached, Uncached })
            await LoadRunner.RunAsync("warm", client, make, options.Concurrency, TimeSpan.FromSeconds(4));

        // Alternate short rounds and keep each side's median: load from anything else on the machine then
        // hits every side alike instead of whichever happened to run during a spike.
        var duration = TimeSpan.FromSeconds(Math.Max(1.0, options.Seconds / (double)(Rounds * 3)));
        var statics = new List<LoadRunner.Result>();
        var cached = new List<LoadRunner.Result>();
        var uncached = new List<LoadRunner.Result>();
        for (var round = 0; round < Rounds; round++)
        {
            statics.Add(await LoadRunner.RunAsync("static file", client, Static, options.Concurrency, duration));
            cached.Add(await LoadRunner.RunAsync("page (cached)", client, Cached, options.Concurrency, duration));
            uncached.Add(await LoadRunner.RunAsync("page (uncached)", client, Uncached, options.Concurrency, duration));
        }
        var staticResult = Median(statics);
        var cachedResult = Median(cached);
        var uncachedResult = Median(uncached);
        var cachedRatios = statics.Zip(cached, (a, b) => b.RequestsPerSecond / a.RequestsPerSecond).ToList();
        var uncachedRatios = statics.Zip(uncached, (a, b) => b.RequestsPerSecond / a.RequestsPerSecond).ToList();

        // Context row: the site's middleware alone.
        var pipelineResult = await LoadRunner.RunAsync("pipeline only", client, () => new HttpRequestMessage(HttpMethod.Get, "/health/live"), options.Concurrency, duration * 2);

        // Search under load (issue 15): 25 real queries at 200 connections, on its own client so the pages'
        // connection count does not cap it; a short warm-up first, as for the pages.
        using var searchClient = LoadRunner.Client(site.BaseAddress, SearchConnections);
        await SearchLoad.RunAsync(searchClient, 32, TimeSpan.FromSeconds(3));
        var searchResult = await SearchLoad.RunAsync(searchClient, SearchConnections, duration * 2);

        // The event page: cached req/s against a static file of its own bytes, in alternating rounds as above.
        var eventRatio = "none";
        LoadRunner.Result? eventStatic = null, eventCached = null;
        if (eventPath is not null)
        {
            var eventBody = await (await client.GetAsync(eventPath)).Content.ReadAsByteArrayAsync();
            var eventHit = await client.GetAsync(eventPath);
            if (eventHit.Headers.Age is null) eventRatio = "uncacheable";
            else
            {
                eventBody = await eventHit.Content.ReadAsByteArrayAsync();
                await File.WriteAllBytesAsync(Path.Combine(staticDir, "event.html"), eventBody);
                HttpRequestMessage EventStatic() => new(HttpMethod.Get, "/bench-static/event.html");
                HttpRequestMessage EventCached() => new(HttpMethod.Get, eventPath);
                await LoadRunner.RunAsync("warm", client, EventCached, options.Concurrency, TimeSpan.FromSeconds(2));
                var es = new List<LoadRunner.Result>();
                var ec = new List<LoadRunner.Result>();
                for (var round = 0; round < 3; round++)
                {
                    es.Add(await LoadRunner.RunAsync("event static", client, EventStatic, options.Concurrency, duration));
                    ec.Add(await LoadRunner.RunAsync("event (cached)", client, EventCached, options.Concurrency, duration));
                }
                eventStatic = Median(es);
                eventCached = Median(ec);
                eventRatio = (eventCached.RequestsPerSecond / eventStatic.RequestsPerSecond).ToString("F3", CultureInfo.InvariantCulture);
            }
        }

        var cachedRatio = cachedResult.RequestsPerSecond / staticResult.RequestsPerSecond;
        var uncachedRatio = uncachedResult.RequestsPerSecond / staticResult.RequestsPerSecond;
        Console.WriteLine($"pages: campaign page {pagePath}, {body.Length:N0} bytes each, {options.Concurrency} connections, {Rounds} alternating rounds of {duration.TotalSeconds:F1} s per side (median round shown), 127.0.0.1");
        Console.WriteLine("per-round cached ratios:   " + string.Join(" ", cachedRatios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture))));
        Console.WriteLine("per-round uncached ratios: " + string.Join(" ", uncachedRatios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture))));
        Console.WriteLine($"{"what",-18}{"requests",10}{"errors",8}{"req/s",10}{"p50 ms",9}{"p95 ms",9}");
        Console.WriteLine($"event page: {eventPath ?? "(no published event with an open registration form)"} event_cached_ratio={eventRatio}" +
            (eventRatio == "uncacheable" ? " (the page is not a cache hit: its form still carries a per-visitor antiforgery token)" : ""));
        foreach (var r in new[] { staticResult, cachedResult, uncachedResult, pipelineResult, eventStatic, eventCached, searchResult }.OfType<LoadRunner.Result>())
            Console.WriteLine($"{r.Name,-18}{r.Requests,10}{r.Errors,8}{r.RequestsPerSecond,10:F0}{r.Percentile(50),9:F2}{r.Percentile(95),9:F2}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenario=pages bytes={body.Length} static_rps={staticResult.RequestsPerSecond:F0} cached_rps={cachedResult.RequestsPerSecond:F0} uncached_rps={uncachedResult.RequestsPerSecond:F0} cached_ratio={cachedRatio:F3} uncached_ratio={uncachedRatio:F3} errors={staticResult.Errors + cachedResult.Errors + uncachedResult.Errors + (eventCached?.Errors ?? 0) + searchResult.Errors} event_cached_ratio={eventRatio} search_p99_ms={searchResult.Percentile(99):F1} search_rps={searchResult.RequestsPerSecond:F0}"));
        Directory.Delete(staticDir, recursive: true);
        return 0;
    }

    private const int Rounds = 5;
    private const int SearchConnections = 200;

    /// <summary>The first published event (in the content manager's order) whose page shows an open registration form.</summary>
    internal static async Task<string?> FindEventWithFormAsync(BenchSite site, HttpClient client)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<IContentManager>().ListPublishedAsync("Event", 1, 50);
        foreach (var item in events.Items)
        {
            if (string.IsNullOrEmpty(item.Path)) continue;
            foreach (var path in new[] { "/" + item.Path, "/su-kien/" + item.Path })
            {
                var response = await client.GetAsync(path);
                if (!response.IsSuccessStatusCode) continue;
                var html = await response.Content.ReadAsStringAsync();
                if (html.Contains("class=\"event-form\"", StringComparison.Ordinal) && html.Contains("/dang-ky", StringComparison.Ordinal)) return path;
                break;
            }
        }
        return null;
    }

    private static LoadRunner.Result Median(List<LoadRunner.Result> results) =>
        results.OrderBy(r => r.RequestsPerSecond).ElementAt(results.Count / 2);
}
