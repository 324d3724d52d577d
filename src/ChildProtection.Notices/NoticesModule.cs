using ChildProtection.Core.Files;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Bounces;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Notices.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices;

/// <summary>
/// Official notices to schools and wards. Three parts, each registered by its own folder: authoring
/// (admin pages, approval, preview, reports), delivery (ledger, Hangfire chunk jobs, recovery) and
/// acknowledgement (the personal link page and reminders). Messages and tokens are shared by all three.
/// </summary>
public sealed class NoticesModule : IModule
{
    public string Name => "Notices";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NoticesDbContext, SqliteNoticesDbContext, PostgresNoticesDbContext>("Notices");
        services.AddSingleton<IPermissionProvider, NoticesPermissions>();
        services.AddSingleton<AcknowledgementTokens>();
        services.AddSingleton<NoticeFiles>();
        services.AddStoredFilePrefix(NoticeFiles.Prefix);
        services.AddScoped<NoticeMessageComposer>();
        services.AddScoped<RecipientWards>();
        services.AddNoticeDelivery(configuration);
        services.AddNoticeAuthoring(configuration);
        services.AddNoticeBounces();
    }
}

public static class NoticesPermission
{
    public static readonly Permission SendNotices = new("SendNotices", "Write, send and follow official notices; see their reports") { Category = "Notices" };
    public static readonly Permission ApproveNotices = new("ApproveNotices", "Approve notices written by someone else before they are sent") { Category = "Notices" };
}

internal sealed class NoticesPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() =>
        Task.FromResult<IEnumerable<Permission>>([NoticesPermission.SendNotices, NoticesPermission.ApproveNotices]);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", [NoticesPermission.SendNotices, NoticesPermission.ApproveNotices]),
        new("NoticeSender", [NoticesPermission.SendNotices, NoticesPermission.ApproveNotices]),
    ];
}

/// <summary>Marker for the module's resource file (Resources/NoticesText.vi.resx); English text is the key.</summary>
public sealed class NoticesText;
