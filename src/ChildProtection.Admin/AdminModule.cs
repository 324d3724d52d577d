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
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.Add(new AdminPagesConvention()));
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

/// <summary>
/// Every page whose address is under /admin, whichever module it comes from, needs the AccessAdminPanel
/// permission; pages check finer ones themselves. Keyed on the route rather than the folder so a module
/// cannot forget it, and applied to the route model so the endpoint carries it from the start.
/// </summary>
internal sealed class AdminPagesConvention : Microsoft.AspNetCore.Mvc.ApplicationModels.IPageRouteModelConvention
{
    public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            var template = (selector.AttributeRouteModel?.Template ?? "").TrimStart('/', '~');
            if (template == "admin" || template.StartsWith("admin/", StringComparison.OrdinalIgnoreCase))
                selector.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(AdminPolicy.Name));
        }
    }
}
