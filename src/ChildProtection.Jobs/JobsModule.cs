using ChildProtection.Core.Data;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Jobs;

/// <summary>
/// Hangfire is the job engine: in-process server on SQLite storage for the embedded default, PostgreSQL
/// storage when the site runs on several nodes (any number of servers share it). Our own tables stay
/// the source of truth for what a job promised; Hangfire only runs it.
/// </summary>
public sealed class JobsModule : IModule
{
    public const string DashboardPath = "/admin/jobs";

    public string Name => "Jobs";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => JobsOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                // Replaces Hangfire.AspNetCore's default, which throws once its host is disposed (see the class).
                .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        });
        // The storage is this site's own singleton, registered after AddHangfire so it wins. AddHangfire's
        // default hands out the process-wide JobStorage.Current, which the last configured site overwrites:
        // two sites started at once in one process (parallel tests, a host with several sites) could each get
        // the other's storage, so one site's jobs ran against the other's database and never came back.
        services.AddSingleton<JobStorage>(sp => JobStorageFactory.Create(
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<AppPaths>(), sp.GetRequiredService<JobsOptions>()));
        // Our own hosted service rather than AddHangfireServer: whether this node runs its servers (the ordinary
        // one and the fast lane) is read from configuration at start, not while services are registered.
        services.AddHostedService<JobServerHost>();
        services.AddSingleton<IModuleDatabase, HangfireSchema>();
        services.AddSingleton<IPermissionProvider, JobsPermissions>();
        services.AddSingleton<IReadinessCheck, JobServerReadiness>();
        services.AddSingleton<IAdminMenuProvider, JobsMenu>();
    }

    public void Configure(IApplicationBuilder app) => app.UseMiddleware<DashboardStatsGuard>();

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            AppPath = "/admin",
            DashboardTitle = "Tác vụ nền",
            Authorization = [],
            AsyncAuthorization = [new JobsDashboardAuthorization()],
            DisplayStorageConnectionString = false,
        });
    }
}

public sealed class JobsOptions
{
    public bool RunServer { get; init; } = true;
    public int WorkerCount { get; init; } = Math.Clamp(Environment.ProcessorCount * 2, 2, 10);
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Workers of the fast-lane server (queue "fast" only): no bulk lane can ever take them.</summary>
    public int FastWorkerCount { get; init; } = DefaultFastWorkerCount;
    /// <summary>How often the fast-lane server looks for work enqueued by another process.</summary>
    public TimeSpan FastPollInterval { get; init; } = TimeSpan.FromSeconds(DefaultFastPollSeconds);
    public const int DefaultFastWorkerCount = 2;
    public const double DefaultFastPollSeconds = 1;
    /// <summary>How long a job whose server died stays invisible before another server takes it (PostgreSQL storage).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(DefaultLeaseMinutes);
    public const double DefaultLeaseMinutes = 5;

    public static JobsOptions From(IConfiguration configuration) => new()
    {
        RunServer = configuration.GetValue("Jobs:RunServer", true),
        WorkerCount = configuration.GetValue("Jobs:WorkerCount", Math.Clamp(Environment.ProcessorCount * 2, 2, 10)),
        // Fractions allowed (0.2 = 200 ms): a benchmark or a busy node may want jobs picked up sooner.
        PollInterval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Jobs:PollSeconds", 5.0), 0.1, 60)),
        FastWorkerCount = Math.Clamp(configuration.GetValue("Jobs:FastWorkerCount", DefaultFastWorkerCount), 1, 10),
        FastPollInterval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Jobs:FastPollSeconds", DefaultFastPollSeconds), 0.1, 60)),
        // Fractions allowed (0.25 = 15 s, for a failover test); at least 10 s so the renewal (every fifth) stays
        // well apart from the query itself, at most a day.
        Lease = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue("Jobs:LeaseMinutes", DefaultLeaseMinutes), 10 / 60.0, 24 * 60)),
    };
}

/// <summary>Only holders of ManageBackgroundJobs (administrators) see the dashboard.</summary>
internal sealed class JobsDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true) return false;
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return await authorization.AuthorizeAsync(http.User, ContentPermissions.ManageJobs);
    }
}

internal sealed class JobsPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>([]);
}

internal sealed class JobsMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() => [new("Background jobs", JobsModule.DashboardPath, ContentPermissions.ManageJobs.Name, 90, "Configuration")];
}

/// <summary>
/// Ready when job servers of this site have sent a heartbeat recently, among them one reading the fast lane
/// (or this node runs none by design): a node whose fast lane did not start would otherwise look healthy while
/// every single message waited.
/// </summary>
internal sealed class JobServerReadiness(JobsOptions options) : IReadinessCheck
{
    public string Name => "jobs";

    public Task<(bool Ready, string? Detail)> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<JobStorage>();
        var servers = storage.GetMonitoringApi().Servers();
        if (!options.RunServer) return Task.FromResult<(bool, string?)>((true, "no server on this node"));
        var alive = servers.Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < TimeSpan.FromMinutes(2)).ToList();
        if (alive.Count == 0) return Task.FromResult<(bool, string?)>((false, "no job server heartbeat"));
        if (!alive.Any(s => s.Queues?.Contains(JobQueues.Fast) == true))
            return Task.FromResult<(bool, string?)>((false, "no fast-lane job server heartbeat"));
        return Task.FromResult<(bool, string?)>((true, null));
    }
}
