using System.Globalization;

namespace ChildProtection.Core.Settings;

/// <summary>Times as people here read them: in the site's time zone, <c>04/04/2024 12:44</c>.</summary>
public sealed class SiteTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public static SiteTime From(SiteSettings settings) => new(settings.GetTimeZone());

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc.Kind == DateTimeKind.Utc ? utc : DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>A local wall-clock time typed by a person (no zone) to UTC.</summary>
    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    public string Format(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
    public string FormatDate(DateTime? utc) => utc is null ? "" : ToLocal(utc.Value).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
