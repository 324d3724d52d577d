using System.Text.RegularExpressions;
using Xunit;

namespace ChildProtection.Testing;

/// <summary>
/// The public pages run no framework and no inline script (the CSP forbids it): besides schema.org data blocks,
/// the only scripts are our own two small deferred files — the header's search suggestions and the public forms'
/// token fetcher. Anything else on a page (an injected script above all) fails.
/// </summary>
public static partial class PageScripts
{
    public static void AssertOnlyOwn(string html) =>
        Assert.All(ScriptTag().Matches(html), m => Assert.Matches(Allowed(), m.Value));

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("^(<script type=\"application/ld\\+json\">|<script src=\"/themes/[A-Za-z0-9_-]+/js/search-suggest\\.js(\\?v=[^\"]+)?\" defer>|<script src=\"/_content/ChildProtection\\.Themes/js/public-forms\\.js(\\?v=[^\"]+)?\" defer>)$")]
    private static partial Regex Allowed();
}
