using System.Globalization;

namespace ChildProtection.Themes.Rendering;

/// <summary>What every template of one response shares: the theme, the site, its time zone and culture.</summary>
public sealed class RenderScope
{
    internal const string AmbientKey = "ChildProtection.RenderScope";
    /// <summary>How deeply <c>display</c> may nest (a list of summaries inside a page inside the layout).</summary>
    internal const int MaxDepth = 4;

    public required ThemeEnvironment Theme { get; init; }
    public required SiteView Site { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public CultureInfo Culture { get; init; } = CultureInfo.GetCultureInfo("vi-VN");
    /// <summary>The home item's id: its address is "/" rather than its own path.</summary>
    public string? HomeContentItemId { get; init; }
    /// <summary>
    /// The request's services (its database contexts, its page-cache tags) for what templates read beyond the
    /// item; null when rendering outside a request, where a value provider makes its own scope.
    /// </summary>
    public IServiceProvider? Services { get; init; }
    internal int Depth { get; set; }
}
