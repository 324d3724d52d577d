using ChildProtection.Core.Settings;

namespace ChildProtection.Admin.Editing;

/// <summary>What changed between two versions of the site settings, in one line for the audit trail.</summary>
internal static class SettingsChanges
{
    public static string Describe(SiteSettings before, SiteSettings after)
    {
        var changes = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!Equals(a, b)) changes.Add($"{name}: {a ?? "—"} → {b ?? "—"}");
        }
        Compare(nameof(SiteSettings.SiteName), before.SiteName, after.SiteName);
        Compare(nameof(SiteSettings.Description), before.Description, after.Description);
        Compare(nameof(SiteSettings.BaseUrl), before.BaseUrl, after.BaseUrl);
        Compare(nameof(SiteSettings.Hotline), before.Hotline, after.Hotline);
        Compare(nameof(SiteSettings.HomeContentItemId), before.HomeContentItemId, after.HomeContentItemId);
        Compare(nameof(SiteSettings.TimeZone), before.TimeZone, after.TimeZone);
        Compare(nameof(SiteSettings.Culture), before.Culture, after.Culture);
        Compare(nameof(SiteSettings.PageSize), before.PageSize, after.PageSize);
        return string.Join("; ", changes);
    }
}
