using ChildProtection.Core.Data;
using ChildProtection.Web.Setup;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Runs before the server takes requests: applies every module's migrations (engine first), then the
/// unattended setup when <c>Setup:AdminPassword</c> is configured and the site is empty.
/// </summary>
public sealed class SitePreparation(IServiceProvider services, ILogger<SitePreparation> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(services, cancellationToken);
        logger.LogInformation("Database ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var database in services.GetServices<IModuleDatabase>())
            await database.MigrateAsync(services, cancellationToken);
        await UnattendedSetup.RunAsync(services, cancellationToken);
    }
}
