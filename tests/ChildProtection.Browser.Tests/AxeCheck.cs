using System.Text.Json;
using Microsoft.Playwright;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Runs axe-core (from the npm registry, see the project file) in a page and returns the serious and
/// critical violations against WCAG 2.0/2.1 A and AA, each as "rule: help (selectors)".
/// </summary>
public static class AxeCheck
{
    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the site's CSP (script-src 'self') need not be loosened.
        await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa'] } });" +
            " return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')'); }");
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>How many CSS pixels the page scrolls sideways (0 when nothing is wider than the viewport).</summary>
    public static Task<int> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)");
}
