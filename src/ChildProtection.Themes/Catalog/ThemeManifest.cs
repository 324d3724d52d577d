using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChildProtection.Themes.Catalog;

/// <summary>A theme's <c>theme.json</c>: who made it and what it is, shown on the admin themes page.</summary>
public sealed class ThemeManifest
{
    [JsonPropertyName("name")] public string Name { get; set; } = "";
    [JsonPropertyName("displayName")] public string DisplayName { get; set; } = "";
    [JsonPropertyName("description")] public string Description { get; set; } = "";
    [JsonPropertyName("author")] public string Author { get; set; } = "";
    [JsonPropertyName("version")] public string Version { get; set; } = "";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}

/// <summary>A theme found under <c>themes/</c>: its folder name is its identity (what SiteSettings.Theme holds).</summary>
public sealed record ThemeInfo(string Name, string FolderPath, ThemeManifest Manifest)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Manifest.DisplayName) ? Name : Manifest.DisplayName;
    public string AssetsPath => Path.Combine(FolderPath, "wwwroot");
}
