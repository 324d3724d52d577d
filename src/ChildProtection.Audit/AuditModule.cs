using ChildProtection.Audit.Data;
using ChildProtection.Audit.Trail;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Audit;

/// <summary>
/// The audit trail: <see cref="IAuditTrail"/> for every module, the engine's content activity recorded
/// as it happens, the admin screen with filters and CSV export, and the daily purge by retention.
/// </summary>
public sealed class AuditModule : IModule
{
    public string Name => "Audit";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>("Audit");
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IContentEventHandler, ContentActivityAudit>();
        services.AddScoped<AuditPurgeJob>();
        services.AddHostedService<AuditPurgeSchedule>();
        services.AddSingleton<IPermissionProvider, AuditPermissions>();
        services.AddSingleton<IAdminMenuProvider, AuditMenu>();
    }
}

public static class AuditPermission
{
    public static readonly Permission ViewAuditTrail = new("ViewAuditTrail", "See and export the audit trail") { Category = "Security" };
}

internal sealed class AuditPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>([AuditPermission.ViewAuditTrail]);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new("Administrator", [AuditPermission.ViewAuditTrail])];
}

internal sealed class AuditMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() => [new("Audit trail", "/admin/audit", AuditPermission.ViewAuditTrail.Name, 50, "Security")];
}

/// <summary>Marker for the module's resource file (Resources/AuditText.vi.resx); English text is the key.</summary>
public sealed class AuditText;
