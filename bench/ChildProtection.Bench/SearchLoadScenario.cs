using System.Globalization;

namespace ChildProtection.Bench;

/// <summary>
/// <c>bench -- search-load</c>: the sample site (the setup recipe) in-process on Kestrel, <see cref="SearchLoad"/> at
/// 200 connections (<c>--concurrency</c>) for <c>--seconds</c> (default 20) after a short warm-up. Targets: p99 ≤ 300 ms, 0 errors.
/// </summary>
internal static class SearchLoadScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 20, concurrency: 200);
        await using var site = await BenchSite.StartAsync();
        using var client = LoadRunner.Client(site.BaseAddress, options.Concurrency);
        await SearchLoad.RunAsync(client, Math.Min(options.Concurrency, 32), TimeSpan.FromSeconds(3));
        var result = await SearchLoad.RunAsync(client, options.Concurrency, TimeSpan.FromSeconds(options.Seconds));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"search-load: {SearchLoad.Queries.Length} queries (with and without diacritics) on the sample site, {options.Concurrency} connections, {options.Seconds} s");
        Console.WriteLine(string.Create(inv, $"requests={result.Requests} p50_ms={result.Percentile(50):F1} p95_ms={result.Percentile(95):F1} p99_ms={result.Percentile(99):F1}"));
        Console.WriteLine(string.Create(inv, $"scenario=search-load search_p99_ms={result.Percentile(99):F1} search_rps={result.RequestsPerSecond:F0} errors={result.Errors}"));
        return 0;
    }
}
