using ChildProtection.Core.Data;
using ChildProtection.Web.Setup;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Prepares the site before it takes requests: applies every module's migrations (engine first), then the
/// unattended setup when <c>Setup:AdminPassword</c> is configured and the site is empty, all under the migration
/// lock so that of several nodes starting at once exactly one migrates and sets up.
/// <para>
/// The first attempt runs inside the host's start, so a site whose database answers (always the embedded SQLite
/// one) is fully prepared before the server listens, as before. When PostgreSQL cannot be reached the start does
/// not fail: the server listens (health live, ready 503, pages a "try again shortly" 503), and preparation is
/// retried in the background with a growing delay capped at <see cref="MaxDelay"/>; once it succeeds the hosted
/// services that waited (<see cref="DeferredHostedService"/>) start in their order and the node becomes ready.
/// Any other failure (a broken migration, a wrong password) still stops the node: retrying would not mend it.
/// </para>
/// </summary>
public sealed class SitePreparation(IServiceProvider services, SiteStartupState state, DatabaseOptions database,
    IHostApplicationLifetime lifetime, ILogger<SitePreparation> logger) : IHostedService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stopping = new();
    private Task? retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PrepareAsync(services, cancellationToken);
        }
        catch (Exception ex) when (database.Provider == DatabaseProvider.Postgres && DatabaseFaults.IsUnreachable(ex) && !cancellationToken.IsCancellationRequested)
        {
            state.Waiting = "database unreachable: " + ex.GetBaseException().Message;
            logger.LogWarning("PostgreSQL unreachable at start ({Reason}); serving 503 and retrying in {Delay} s", ex.GetBaseException().Message, FirstDelay.TotalSeconds);
            retries = Task.Run(() => RetryAsync(stopping.Token), CancellationToken.None);
            return;
        }
        // The services behind us start themselves in the host's order: none waited.
        state.MarkPrepared();
        logger.LogInformation("Database ready");
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 2; ; attempt++)
        {
            try
            {
                await Task.Delay(delay, cancellationToken);
                await PrepareAsync(services, cancellationToken);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (DatabaseFaults.IsUnreachable(ex))
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
                state.Waiting = "database unreachable: " + ex.GetBaseException().Message;
                logger.LogWarning("PostgreSQL still unreachable (attempt {Attempt}: {Reason}); retrying in {Delay} s", attempt, ex.GetBaseException().Message, delay.TotalSeconds);
            }
            catch (Exception ex)
            {
                logger.LogCritical(ex, "Site preparation failed; stopping the node");
                lifetime.StopApplication();
                return;
            }
        }
        logger.LogInformation("Database ready after waiting for it");
        try
        {
            foreach (var service in state.MarkPrepared())
                await service.StartNowAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // What a failing hosted service does at a normal start: the host stops.
            logger.LogCritical(ex, "A service failed to start after the database came up; stopping the node");
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (retries is not null) await retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Migrations and unattended setup under the migration lock (also used by the command lines).</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILogger<SitePreparation>>();
        await using (await MigrationLock.AcquireAsync(services.GetRequiredService<DatabaseOptions>(), logger, cancellationToken))
        {
            foreach (var database in services.GetServices<IModuleDatabase>())
                await database.MigrateAsync(services, cancellationToken);
            logger.LogInformation("Migrations applied");
            await UnattendedSetup.RunAsync(services, cancellationToken);
            // A site set up before the id existed gets it now, once, whichever node starts first.
            await services.GetRequiredService<ChildProtection.Core.Settings.ISiteIdentity>().GetSiteIdAsync(cancellationToken);
        }
    }
}
