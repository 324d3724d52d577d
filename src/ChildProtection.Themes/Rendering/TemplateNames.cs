using System.Text.RegularExpressions;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// The names a theme may give its templates, most specific first, as in Orchard:
/// <c>Content-{Type}.{Display}</c>, then <c>Content-{Type}</c> (Detail only), then
/// <c>Content.{Display}</c>, then <c>Content</c>.
/// </summary>
public static partial class TemplateNames
{
    public const string Extension = ".liquid";
    public const string Layout = "Layout";
    public const string NotFound = "NotFound";
    public const string Home = "Home";
    public const string DetailDisplay = "Detail";
    public const string SummaryDisplay = "Summary";

    // Type and display names become file names: letters, digits and underscores only, no path tricks.
    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex SafeName();

    public static IReadOnlyList<string> ForContent(string contentType, string display)
    {
        var names = new List<string>(4);
        var typeOk = SafeName().IsMatch(contentType);
        var displayOk = SafeName().IsMatch(display);
        if (typeOk && displayOk) names.Add($"Content-{contentType}.{display}");
        if (typeOk && display == DetailDisplay) names.Add($"Content-{contentType}");
        if (displayOk) names.Add($"Content.{display}");
        names.Add("Content");
        return names;
    }
}
