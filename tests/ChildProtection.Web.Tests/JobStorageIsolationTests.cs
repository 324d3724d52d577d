using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Jobs;
using ChildProtection.Testing;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Two sites in one process keep their own job storage. Hangfire's AddHangfire hands out the process-wide
/// JobStorage.Current, which the last configured site overwrites: a site whose storage was resolved just
/// after another site was configured got the other's, and its jobs ran against the other's database. The
/// interleaving below is the one parallel test classes hit by chance, made to happen every time.
/// </summary>
public sealed class JobStorageIsolationTests
{
    [Fact]
    public void A_site_configured_before_another_still_gets_its_own_job_storage()
    {
        using var folderA = new TempFolder("cp-jobs-a");
        using var folderB = new TempFolder("cp-jobs-b");
        using var siteA = Services(folderA.Path);
        using var siteB = Services(folderB.Path);

        siteA.GetRequiredService<IGlobalConfiguration>(); // A is configured first …
        var storageB = siteB.GetRequiredService<JobStorage>(); // … then B, the last to touch the globals
        var storageA = siteA.GetRequiredService<JobStorage>();

        Assert.NotSame(storageA, storageB);
        var id = siteA.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("A"), TimeSpan.FromDays(1));
        Assert.NotNull(storageA.GetMonitoringApi().JobDetails(id));
        Assert.Equal(0, storageB.GetMonitoringApi().ScheduledCount());
        Assert.True(File.Exists(Path.Combine(folderA.Path, "hangfire.db")));
        (storageA as IDisposable)?.Dispose();
        (storageB as IDisposable)?.Dispose();
    }

    private static ServiceProvider Services(string dataPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:PollSeconds"] = "1" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(new AppPaths(dataPath, dataPath));
        services.AddSingleton(DatabaseOptions.From(configuration, dataPath));
        new JobsModule().ConfigureServices(services, configuration);
        return services.BuildServiceProvider();
    }
}
