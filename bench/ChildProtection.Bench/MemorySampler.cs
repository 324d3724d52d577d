using System.Diagnostics;

namespace ChildProtection.Bench;

/// <summary>
/// Peak working set of this process while one phase runs, sampled every 50 ms (the OS's own peak
/// counter only grows, so it cannot tell a 10,000-recipient run from a 100,000 one in the same process).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peak;

    public MemorySampler()
    {
        loop = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                if (process.WorkingSet64 > peak)
                {
                    peak = process.WorkingSet64;
                    if (Detail) PeakDetail = $"gc_total={GC.GetTotalMemory(false) / 1048576} MB " + string.Join(" ", File.ReadAllLines("/proc/self/smaps_rollup").Where(l => l.StartsWith("Anonymous") || l.StartsWith("Pss_Shmem") || l.StartsWith("Pss_File") || l.StartsWith("Rss")));
                }
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    private static readonly bool Detail = Environment.GetEnvironmentVariable("BENCH_MEMORY_DETAIL") == "1";
    public string? PeakDetail { get; private set; }

    public double PeakMegabytes => peak / (1024.0 * 1024.0);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        if (PeakDetail is not null) Console.Error.WriteLine("  at peak: " + PeakDetail);
        stop.Dispose();
    }
}
