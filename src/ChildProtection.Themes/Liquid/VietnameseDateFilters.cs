using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace ChildProtection.Themes.Liquid;

/// <summary>
/// Dates the Vietnamese way, in the site's time zone: <c>{{ date | vn_date }}</c> gives 04/04/2024 and
/// <c>{{ date | vn_datetime }}</c> gives 04/04/2024 12:44. Instants (publication times, ISO strings with
/// a zone) are converted to the site's zone; a bare date ("2024-04-03", a document's date of issue) is a
/// calendar day and is never shifted.
/// </summary>
public static partial class VietnameseDateFilters
{
    public const string DatePattern = "dd/MM/yyyy";
    public const string DateTimePattern = "dd/MM/yyyy HH:mm";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex CalendarDay();

    public static void Register(FilterCollection filters)
    {
        filters.AddFilter("vn_date", (input, _, context) => Format(input, context, DatePattern));
        filters.AddFilter("vn_datetime", (input, _, context) => Format(input, context, DateTimePattern));
    }

    private static ValueTask<FluidValue> Format(FluidValue input, TemplateContext context, string pattern)
    {
        var text = Format(input.ToObjectValue(), context.TimeZone, pattern);
        return text is null ? NilValue.Instance : new StringValue(text);
    }

    public static string? Format(object? value, TimeZoneInfo timeZone, string pattern)
    {
        switch (value)
        {
            case DateTimeOffset instant:
                return TimeZoneInfo.ConvertTime(instant, timeZone).ToString(pattern, CultureInfo.InvariantCulture);
            case DateTime dateTime:
                var utc = dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : DateTime.SpecifyKind(dateTime, DateTimeKind.Utc);
                return TimeZoneInfo.ConvertTimeFromUtc(utc, timeZone).ToString(pattern, CultureInfo.InvariantCulture);
            case DateOnly day:
                return day.ToString(DatePattern, CultureInfo.InvariantCulture);
            case string s when CalendarDay().IsMatch(s.Trim())
                && DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay):
                // A calendar day has no time to show; vn_datetime prints it as a date.
                return parsedDay.ToString(DatePattern, CultureInfo.InvariantCulture);
            case string s when DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return TimeZoneInfo.ConvertTime(parsed, timeZone).ToString(pattern, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
