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
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public double PeakMegabytes => peak / (1024.0 * 1024.0);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
