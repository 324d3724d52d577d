using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Library.Downloads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Library.Pages.Admin.Library;

/// <summary>Downloads between two days: per resource (of which by schools), per school, per day; and the same as CSV.</summary>
public sealed class ReportModel(DownloadReport report, ISiteSettingsService settings, IAuthorizationService authorization, IStringLocalizer<LibraryText> T) : LibraryAdminPage
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }

    public DownloadReportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public DateOnly FromDay { get; private set; }
    public DateOnly ToDay { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, LibraryPermissions.ViewLibraryReports)) return Denied();
        if (!await ReadRangeAsync())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Result = await report.GetAsync(FromDay, ToDay, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!await authorization.AuthorizeAsync(User, LibraryPermissions.ViewLibraryReports)) return Denied();
        if (!await ReadRangeAsync())
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var result = await report.GetAsync(FromDay, ToDay, HttpContext.RequestAborted);
        var name = $"luot-tai-tai-lieu-{FromDay:yyyy-MM-dd}-{ToDay:yyyy-MM-dd}.csv";
        return File(DownloadReport.Csv(result), "text/csv; charset=utf-8", name);
    }

    private async Task<bool> ReadRangeAsync()
    {
        var today = DateOnly.FromDateTime(SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted)).ToLocal(DateTime.UtcNow));
        FromDay = today.AddDays(-29);
        ToDay = today;
        if (!string.IsNullOrWhiteSpace(From))
        {
            if (!TryDay(From, out var from)) { Error = T["\"{0}\" is not a date. Use dd/mm/yyyy.", From]; return false; }
            FromDay = from;
        }
        if (!string.IsNullOrWhiteSpace(To))
        {
            if (!TryDay(To, out var to)) { Error = T["\"{0}\" is not a date. Use dd/mm/yyyy.", To]; return false; }
            ToDay = to;
        }
        if (FromDay > ToDay) { Error = T["The first day comes after the last day."]; return false; }
        if (ToDay.DayNumber - FromDay.DayNumber >= DownloadReport.MaxDays) { Error = T["Choose at most {0} days.", DownloadReport.MaxDays]; return false; }
        return true;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public string CsvUrl => $"/admin/library/report?handler=Csv&from={FromDay:yyyy-MM-dd}&to={ToDay:yyyy-MM-dd}";
}
