using ChildProtection.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Notices.Delivery;

public static class DeliveryRegistration
{
    /// <summary>The ledger, the chunk jobs, recovery after a restart and the delivery settings.</summary>
    public static IServiceCollection AddNoticeDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DeliveryNode>();
        // One limiter per process: the rate holds across every lane of every notice.
        services.AddSingleton<SendingRateLimiter>();
        services.AddScoped<DeliverySettingsService>();
        services.AddScoped<DeliveryLedger>();
        // Per-domain limits: the statements are scoped like the ledger; which rows exist is known per process.
        services.AddSingleton<DomainThrottleRows>();
        services.AddScoped<DomainThrottle>();
        services.AddSingleton<LedgerCheckpoints>();
        services.AddScoped<NoticeStatusWriter>();
        services.AddScoped<LaneLauncher>();
        services.AddScoped<NoticeDelivery>();
        services.AddScoped<INoticeDelivery>(sp => sp.GetRequiredService<NoticeDelivery>());
        services.AddScoped<DeliveryRecovery>();
        // Hangfire activates jobs from a scope of their own.
        services.AddScoped<DeliveryLaneJob>();
        services.AddScoped<ScheduledStartJob>();
        services.AddScoped<DeliveryWatchdogJob>();
        // After the host's SitePreparation (registered before any module): the tables exist when it runs.
        services.AddHostedService<DeliveryStartup>();
        services.AddSingleton<IAdminMenuProvider, DeliveryMenu>();
        return services;
    }
}

internal sealed class DeliveryMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
        // The admin layout translates menu texts from its own resources, which this module does not own: the
        // Vietnamese text is the key, shown as it is.
        [new("Cấu hình gửi công văn", "/admin/notices/delivery-settings", NoticesPermission.SendNotices.Name, 90, "Notices")];
}

