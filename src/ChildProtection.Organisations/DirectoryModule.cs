using ChildProtection.Core.Files;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Security;
using ChildProtection.Organisations.Data;
using ChildProtection.Organisations.Import;
using ChildProtection.Organisations.Recipes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Organisations;

/// <summary>
/// The directory of recipients: organisations with validity dates and successors, contacts and their
/// addresses, fixed and rule-based groups, CSV/XLSX import with a preview and export, the Directory recipe
/// step, and <see cref="IRecipientDirectory"/> for the Notices module.
/// </summary>
public sealed class DirectoryModule : IModule
{
    public string Name => "Directory";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DirectoryDbContext, SqliteDirectoryDbContext, PostgresDirectoryDbContext>("Directory");
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DirectoryExport>();
        services.AddScoped<IRecipientDirectory, DatabaseRecipientDirectory>();
        services.AddScoped<UndeliverableAddresses>();
        services.AddScoped<IUndeliverableAddresses>(sp => sp.GetRequiredService<UndeliverableAddresses>());
        services.AddScoped<OrganisationStore>();
        services.AddScoped<ImportPlanner>();
        services.AddScoped<ImportCommitter>();
        services.AddSingleton<ImportPreviewStore>();
        services.AddStoredFilePrefix(ImportPreviewStore.Prefix);
        services.AddSingleton<IPermissionProvider, DirectoryPermissions>();
        services.AddSingleton<IAdminMenuProvider, DirectoryMenu>();
        services.AddSingleton<IRecipeStep, DirectoryStep>();
    }
}

public static class DirectoryPermission
{
    public static readonly Permission ManageDirectory = new("ManageDirectory", "Manage the directory of recipients: organisations, contacts, groups, import and export") { Category = "Notices" };
}

internal sealed class DirectoryPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>([DirectoryPermission.ManageDirectory]);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", [DirectoryPermission.ManageDirectory]),
        new("NoticeSender", [DirectoryPermission.ManageDirectory]),
    ];
}

internal sealed class DirectoryMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Directory", "/admin/directory", DirectoryPermission.ManageDirectory.Name, 50, "Notices"),
        new("Recipient groups", "/admin/directory/groups", DirectoryPermission.ManageDirectory.Name, 55, "Notices"),
        new("Import directory", "/admin/directory/import", DirectoryPermission.ManageDirectory.Name, 56, "Notices"),
        // The admin layout translates menu texts from its own resources, which this module does not own: the
        // Vietnamese text is the key, shown as it is.
        new("Địa chỉ không nhận được thư", "/admin/directory/undeliverable", DirectoryPermission.ManageDirectory.Name, 57, "Notices"),
    ];
}
