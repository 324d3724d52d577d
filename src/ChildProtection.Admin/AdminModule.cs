using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Admin;

public sealed class AdminModule : IModule
{
    public string Name => "Admin";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAdminMenuProvider, AdminMenu>();
        services.AddScoped<Editing.ContentEditor>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            // Every admin page needs at least the AccessAdminPanel permission; pages check finer ones themselves.
            o.Conventions.AuthorizeFolder("/Admin", AdminPolicy.Name);
        });
        services.AddAuthorization(o => o.AddPolicy(AdminPolicy.Name, p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(ContentPermissions.AccessAdmin))));
    }
}

public static class AdminPolicy
{
    public const string Name = "AccessAdminPanel";
}

internal sealed class AdminMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Dashboard", "/admin", null, 0, "Overview"),
        new("Content", "/admin/content", ContentPermissions.EditOwnContent.Name, 10),
        new("Recycle bin", "/admin/content/trash", ContentPermissions.DeleteOwnContent.Name, 90),
        new("Content types", "/admin/types", ContentPermissions.ManageContentTypes.Name, 10, "Configuration"),
        new("Site settings", "/admin/settings", ContentPermissions.ManageSettings.Name, 20, "Configuration"),
        new("Recipes", "/admin/recipes", ContentPermissions.ManageRecipes.Name, 30, "Configuration"),
    ];
}
