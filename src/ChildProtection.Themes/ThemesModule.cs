using ChildProtection.Core.Contents;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Liquid;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Recipes;
using ChildProtection.Themes.Rendering;
using Fluid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Themes;

/// <summary>
/// Public themes: Liquid templates under <c>themes/&lt;Name&gt;/</c>, their assets under
/// <c>/themes/&lt;Name&gt;/</c>, the public pages, the Themes recipe step and the admin themes page.
/// List it last: its catch-all route comes after every other module's.
/// </summary>
public sealed class ThemesModule : IModule
{
    public string Name => "Themes";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new ThemeCatalog(
            configuration["Themes:Path"] is { Length: > 0 } configured
                ? configured
                : ProjectLayout.FindFolder("themes", AppContext.BaseDirectory, sp.GetRequiredService<IHostEnvironment>().ContentRootPath),
            sp.GetRequiredService<ILogger<ThemeCatalog>>()));
        services.AddSingleton(new FluidParser());
        services.AddSingleton(sp => new TemplateFileCache(sp.GetRequiredService<FluidParser>()));
        services.AddSingleton<ThemeRenderer>();
        services.AddSingleton<MainMenu>();
        services.AddSingleton<IContentEventHandler, MainMenuInvalidation>();
        services.AddSingleton<IRecipeStep, ThemesStep>();
        services.AddSingleton<IAdminMenuProvider, ThemesAdminMenu>();
    }

    public void Configure(IApplicationBuilder app)
    {
        var catalog = app.ApplicationServices.GetRequiredService<ThemeCatalog>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = ThemeEnvironment.AssetRoute,
            FileProvider = new ThemeAssetFileProvider(catalog),
            OnPrepareResponse = ctx =>
            {
                // Theme templates put ?v=<file version> on asset addresses, so a year's cache is safe.
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            },
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => PublicPages.Map(endpoints);
}
