using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Recipes.Steps;

/// <summary>Orchard's Settings step: site settings as properties of the step (<c>"SiteName": "…"</c>).</summary>
public sealed class SettingsStep : IRecipeStep
{
    public string Name => "Settings";
    public int ExportOrder => 60;

    private static readonly Dictionary<string, PropertyInfo> Properties = typeof(SiteSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        // The theme belongs to the Themes step; the setup time is not a setting.
        .Where(p => p.CanWrite && p.Name is not (nameof(SiteSettings.SetupCompletedUtc) or nameof(SiteSettings.Theme)))
        .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static readonly string[] SupportedCultures = ["vi-VN", "en-US"];

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        var service = ctx.Services.GetRequiredService<ISiteSettingsService>();
        var settings = (await service.GetAsync()).Clone();
        var before = JsonSerializer.Serialize(settings, ContentDefinitionDocument.Json);
        foreach (var (key, value) in ctx.Step)
        {
            if (key == "name") continue;
            if (!Properties.TryGetValue(key, out var property))
            {
                ctx.Error(key, "Unknown setting \"{0}\". Known settings: {1}.", key, string.Join(", ", Properties.Keys.Order()));
                continue;
            }
            try
            {
                property.SetValue(settings, value?.Deserialize(property.PropertyType, ContentDefinitionDocument.Json));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                ctx.Error(key, "Wrong value for {0}.", key);
            }
        }
        if (ctx.Errors.Count > 0) return;

        try { TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone); }
        catch (Exception) { ctx.Error("TimeZone", "Unknown time zone \"{0}\".", settings.TimeZone); }
        if (!SupportedCultures.Contains(settings.Culture)) ctx.Error("Culture", "Unsupported culture \"{0}\". Use one of: {1}.", settings.Culture, string.Join(", ", SupportedCultures));
        if (settings.PageSize is < 1 or > 100) ctx.Error("PageSize", "PageSize must be between 1 and 100.");
        if (string.IsNullOrWhiteSpace(settings.SiteName)) ctx.Error("SiteName", "The site needs a name.");
        if (!string.IsNullOrEmpty(settings.HomeContentItemId)
            && await ctx.Services.GetRequiredService<IContentManager>().GetAsync(settings.HomeContentItemId, VersionOptions.Latest) is null)
            ctx.Error("HomeContentItemId", "The home page item \"{0}\" does not exist (put the Settings step after the Content step that creates it).", settings.HomeContentItemId);
        if (ctx.Errors.Count > 0) return;

        if (JsonSerializer.Serialize(settings, ContentDefinitionDocument.Json) == before) return;
        await service.SaveAsync(settings);
        ctx.Changed = true;
    }

    public async Task ExportAsync(RecipeExportContext context)
    {
        var settings = await context.Services.GetRequiredService<ISiteSettingsService>().GetAsync();
        var step = new JsonObject { ["name"] = Name };
        foreach (var (name, property) in Properties.OrderBy(p => p.Key))
        {
            var value = property.GetValue(settings);
            if (value is not null) step[property.Name] = JsonSerializer.SerializeToNode(value, property.PropertyType, ContentDefinitionDocument.Json);
        }
        context.Steps.Add(step);
    }
}
