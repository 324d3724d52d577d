namespace ChildProtection.Core.Settings;

/// <summary>Site-wide settings, kept as the document "Site" and set by setup, the admin and the Settings recipe step.</summary>
public sealed class SiteSettings
{
    public string SiteName { get; set; } = "Bảo vệ trẻ em";
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    public string Culture { get; set; } = "vi-VN";
    public int PageSize { get; set; } = 20;
    public string? HomeContentItemId { get; set; }
    /// <summary>The public theme's folder name under <c>themes/</c>.</summary>
    public string Theme { get; set; } = "ChildProtection";
    public string? BaseUrl { get; set; }
    public string Hotline { get; set; } = "111";
    public string? Description { get; set; }
    public DateTime? SetupCompletedUtc { get; set; }

    public SiteSettings Clone() => (SiteSettings)MemberwiseClone();

    public TimeZoneInfo GetTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(TimeZone); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }

    /// <summary>The site's language for pages and background work; Vietnamese when the setting is empty or unknown.</summary>
    public System.Globalization.CultureInfo GetCulture()
    {
        try { return System.Globalization.CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(Culture) ? "vi-VN" : Culture); }
        catch (System.Globalization.CultureNotFoundException) { return System.Globalization.CultureInfo.GetCultureInfo("vi-VN"); }
    }
}

public interface ISiteSettingsService
{
    Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default);
    Task SaveAsync(SiteSettings settings, CancellationToken cancellationToken = default);
    Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default);
}

internal sealed class SiteSettingsService(IDocumentStore documents) : ISiteSettingsService
{
    public const string DocumentName = "Site";

    public async Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<SiteSettings>(DocumentName, cancellationToken) ?? new SiteSettings();

    public Task SaveAsync(SiteSettings settings, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(DocumentName, settings, cancellationToken);

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default) =>
        (await documents.GetAsync<SiteSettings>(DocumentName, cancellationToken))?.SetupCompletedUtc is not null;
}
