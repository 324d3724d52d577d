using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Themes.Recipes;

/// <summary>
/// Orchard's Themes step: <c>{"name":"Themes","Site":"ChildProtection","Admin":""}</c>. Sets the public
/// theme; an unknown theme is refused. The admin area is Razor and has no themes, so Admin must be empty.
/// Applying it again with the same theme changes nothing.
/// </summary>
public sealed class ThemesStep(ThemeCatalog catalog) : IRecipeStep
{
    public string Name => "Themes";
    public int ExportOrder => 70;

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        var site = ReadString(ctx, "Site");
        var admin = ReadString(ctx, "Admin");
        if (!string.IsNullOrEmpty(admin))
            ctx.Error("Admin", "The admin area has no themes; leave \"Admin\" empty.");
        if (!string.IsNullOrEmpty(site) && catalog.Find(site) is null)
        {
            var known = catalog.List().Select(t => t.Name).ToList();
            ctx.Error("Site", "Unknown theme \"{0}\". Installed themes: {1}.", site, known.Count == 0 ? "-" : string.Join(", ", known));
        }
        if (ctx.Errors.Count > 0 || string.IsNullOrEmpty(site)) return;

        var service = ctx.Services.GetRequiredService<ISiteSettingsService>();
        var current = await service.GetAsync();
        if (current.Theme == site) return;
        // The service hands out the cached instance; change a copy.
        var settings = current.Clone();
        settings.Theme = site;
        await service.SaveAsync(settings);
        ctx.Changed = true;
    }

    public async Task ExportAsync(RecipeExportContext context)
    {
        var settings = await context.Services.GetRequiredService<ISiteSettingsService>().GetAsync();
        context.Steps.Add(new JsonObject { ["name"] = Name, ["Site"] = settings.Theme, ["Admin"] = "" });
    }

    private static string? ReadString(RecipeStepContext ctx, string property)
    {
        var node = ctx.Step[property];
        if (node is null || node.GetValueKind() == JsonValueKind.Null) return null;
        if (node.GetValueKind() != JsonValueKind.String)
        {
            ctx.Error(property, "Expected the theme's name as a string.");
            return null;
        }
        return node.GetValue<string>().Trim();
    }
}
