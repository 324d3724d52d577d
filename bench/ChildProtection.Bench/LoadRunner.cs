using System.Diagnostics;

namespace ChildProtection.Bench;

/// <summary>Closed-loop load from this process: N workers each send the next request when the last one finished.</summary>
internal static class LoadRunner
{
    public sealed record Result(string Name, long Requests, long Errors, double Seconds, double[] LatenciesMs)
    {
        public double RequestsPerSecond => Requests / Seconds;
        public double Percentile(double p)
        {
            if (LatenciesMs.Length == 0) return 0;
            var sorted = LatenciesMs.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
    }

    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AllowAutoRedirect = false,
        UseCookies = false,
    }) { BaseAddress = baseAddress };

    public static async Task<Result> RunAsync(string name, HttpClient client, Func<HttpRequestMessage> request, int concurrency, TimeSpan duration, int maxSamples = 200_000)
    {
        long requests = 0, errors = 0;
        var samples = new List<double>[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = samples[w] = new List<double>();
            while (stopwatch.Elapsed < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(request(), HttpCompletionOption.ResponseContentRead);
                    await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                Interlocked.Increment(ref requests);
                if (mine.Count < maxSamples / concurrency) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new Result(name, requests, errors, stopwatch.Elapsed.TotalSeconds, samples.SelectMany(s => s).ToArray());
    }
}
