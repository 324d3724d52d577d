using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// While a lane runs, copies the SQLite log into the database once a second from a connection of its own
/// (a passive checkpoint: it never waits for the lane nor makes it wait). The lane's own commits do not
/// checkpoint (<see cref="DeliveryLedger"/>), so without this the log would grow by every message of the send.
/// On PostgreSQL it does nothing.
/// </summary>
public sealed class LedgerCheckpoints(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LedgerCheckpoints> logger)
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<DeliveryLedger>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, clock, stop);
                await ledger.CheckpointAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // A checkpoint that could not run now runs at the next beat, or at the next commit of any other connection.
                logger.LogDebug(e, "Ledger checkpoint skipped");
            }
        }
    }
}
