namespace ChildProtection.Themes.Rendering;

/// <summary>The site as templates see it: <c>{{ Site.Name }}</c>, <c>{{ Site.Hotline }}</c>, <c>{{ Site.Language }}</c>.</summary>
public sealed class SiteView
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string Hotline { get; init; } = "111";
    /// <summary>The site's culture (vi-VN) and the language tag for <c>lang=""</c> (vi).</summary>
    public string Culture { get; init; } = "vi-VN";
    public string Language { get; init; } = "vi";
    public string BaseUrl { get; init; } = "";
}

/// <summary>The page in the layout's head: <c>{{ Page.Title }}</c>, description, canonical address, noindex.</summary>
public sealed class PageView
{
    public string Title { get; init; } = "";
    public string? MetaDescription { get; init; }
    public string? ImageUrl { get; init; }
    public string Canonical { get; init; } = "";
    public bool NoIndex { get; init; }
    public bool IsHome { get; init; }
    /// <summary>The request path ("/" or "/tin-tuc/…"), for marking the current menu link.</summary>
    public string Path { get; init; } = "/";
    public int StatusCode { get; init; } = 200;
}

/// <summary>One link of the main menu: <c>{% for link in Menu %}{{ link.Text }}{% endfor %}</c>.</summary>
public sealed class MenuLinkView
{
    public string Text { get; init; } = "";
    public string Url { get; init; } = "";
    public bool Current { get; init; }
}

/// <summary>The active theme: <c>{{ Theme.Name }}</c> and <c>{{ Theme.AssetBase }}</c> (/themes/&lt;Name&gt;).</summary>
public sealed class ThemeView
{
    public string Name { get; init; } = "";
    public string AssetBase { get; init; } = "";
}
