using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using ChildProtection.Mail.Dkim;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Mail;

/// <summary>
/// The mail pipeline other modules send through (notices, review notifications, event registrations):
/// SMTP when a host is configured, otherwise .eml files in <c>App:DataPath/outbox</c>.
/// </summary>
public sealed class MailModule : IModule
{
    public string Name => "Mail";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // Scoped like the document store they read: a Hangfire job or a request gets its own.
        services.AddScoped<SmtpSettingsService>();
        services.AddScoped<DkimSettingsService>();
        services.AddScoped<IMailSender, MailSender>();
        services.AddScoped<IMailStatus, MailStatus>();
        services.AddScoped<Bounces.BounceMailboxSettingsService>();
        services.AddScoped<Bounces.BounceMailbox>();
        services.AddSingleton<IPermissionProvider, MailPermissions>();
        services.AddSingleton<IAdminMenuProvider, MailMenu>();
    }
}

public static class MailPermission
{
    public static readonly Permission ManageMailSettings = new("ManageMailSettings", "Change mail (SMTP) settings and send test messages") { Category = "Mail" };
}

internal sealed class MailPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>([MailPermission.ManageMailSettings]);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new("Administrator", [MailPermission.ManageMailSettings])];
}

internal sealed class MailMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() => [new("Mail", "/admin/mail", MailPermission.ManageMailSettings.Name, 25, "Configuration")];
}
