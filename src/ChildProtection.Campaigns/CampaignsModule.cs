using ChildProtection.Core.Caching;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Home;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Public;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Campaigns.Recipes;
using ChildProtection.Campaigns.Related;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Security;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns;

/// <summary>
/// Communication campaigns end to end: the Campaign part, the public campaign list, what a campaign's page and
/// the home page show, the index of related items, reach reporting (reports, corrections as versions, totals,
/// charts, exports) in the admin, its permissions, audit entries and recipe step. Events, wards and the
/// Library's pack and QR codes are reached through their public contracts only.
/// </summary>
public sealed class CampaignsModule : IModule
{
    public string Name => "Campaigns";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CampaignsDbContext, SqliteCampaignsDbContext, PostgresCampaignsDbContext>("Campaigns");
        services.AddSingleton<IContentPartHandler, CampaignPart>();
        services.AddScoped<IContentEventHandler, CampaignLinkIndexer>();
        services.AddPublishedIndex<CampaignLinkPublishedIndex>();
        services.AddScoped<CampaignRelated>();
        services.AddScoped<CampaignCatalog>();
        services.AddScoped<ReachReports>();
        services.AddScoped<ReachTotals>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IContentTemplateValues, CampaignTemplateValues>();
        services.AddScoped<IHomePageValues, CampaignHomeValues>();
        services.AddSingleton<IRecipeStep, ReachReportsStep>();
        services.AddSingleton<IPermissionProvider, CampaignPermissionProvider>();
        services.AddSingleton<IAdminMenuProvider, CampaignsMenu>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(CampaignRoutes.List, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            http.RequestServices.GetRequiredService<PageCacheTags>().AddType(CampaignData.TypeName);
            return CampaignPages.ListAsync(http);
        }).WithDisplayName("Campaign list").CacheAsPublicPage();
    }
}

internal sealed class CampaignsMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Campaign reach", "/admin/campaigns", CampaignPermissions.ViewCampaignReach.Name, 30),
        new("Report an activity", "/admin/activities", CampaignPermissions.ReportCampaignReach.Name, 31),
    ];
}
