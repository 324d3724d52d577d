using System.Globalization;
using ChildProtection.Audit.Data;
using ChildProtection.Audit.Trail;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Audit.Pages.Admin.Audit;

/// <summary>
/// The audit trail: newest first, filtered by user, action, date range and item, paged on the server;
/// the same filter exports CSV; administrators set how long entries are kept.
/// </summary>
public sealed class IndexModel(AuditDbContext db, ISiteSettingsService settings, IDocumentStore documents, IAuditTrail trail,
    IAuthorizationService authorization, IStringLocalizer<AuditText> T) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "user")] public string? UserName { get; set; }
    [FromQuery(Name = "action")] public string? ActionName { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "item")] public string? Item { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public List<AuditEvent> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public SiteTime Time { get; private set; } = null!;
    public AuditSettings Retention { get; private set; } = new();
    public bool CanChangeRetention { get; private set; }
    public string? RetentionError { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Every handler (list, export, retention) needs the permission; checked once, before any runs.
        if (!await authorization.AuthorizeAsync(User, AuditPermission.ViewAuditTrail))
        {
            context.Result = Forbid();
            return;
        }
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Retention = await documents.GetAsync<AuditSettings>(AuditSettings.DocumentName, HttpContext.RequestAborted) ?? new AuditSettings();
        CanChangeRetention = await authorization.AuthorizeAsync(User, ContentPermissions.ManageSettings);
        await next();
    }

    private AuditFilter Filter()
    {
        var filter = new AuditFilter { User = UserName, Action = ActionName, From = From, To = To, Item = Item };
        filter.Normalise();
        (UserName, ActionName, From, To, Item) = (filter.User, filter.Action, filter.From, filter.To, filter.Item);
        return filter;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var query = Filter().Apply(db.AuditEvents.AsNoTracking(), Time);
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var query = Filter().Apply(db.AuditEvents.AsNoTracking(), Time).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
        Response.ContentType = "text/csv; charset=utf-8";
        var name = string.Create(CultureInfo.InvariantCulture, $"nhat-ky-{Time.ToLocal(DateTime.UtcNow):yyyyMMdd-HHmm}.csv");
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = name, FileName = name }.ToString();
        string[] headers = [T["Time"], T["User"], T["Action"], T["Item"], T["Item id"], T["Detail"], T["Address"]];
        await AuditCsv.WriteAsync(Response.Body, query.AsAsyncEnumerable(), Time, Describe, headers, HttpContext.RequestAborted);
        // The body is written (streamed, whatever its size): nothing more for the page to render.
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostRetentionAsync(string? retentionDays)
    {
        if (!CanChangeRetention) return Forbid();
        if (!int.TryParse(retentionDays, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days)
            || days < AuditSettings.MinimumDays || days > AuditSettings.MaximumDays)
        {
            RetentionError = T["Enter a number of days from {0} to {1}.", AuditSettings.MinimumDays, AuditSettings.MaximumDays];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
        var before = Retention.RetentionDays;
        await documents.SaveAsync(AuditSettings.DocumentName, new AuditSettings { RetentionDays = days }, HttpContext.RequestAborted);
        if (before != days)
        {
            await trail.RecordAsync(new AuditEntry(AuditActions.SettingsChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Settings, SubjectId = AuditSettings.DocumentName, SubjectTitle = T["Audit trail retention"],
                Detail = string.Create(CultureInfo.InvariantCulture, $"RetentionDays: {before} → {days}"),
            });
        }
        TempData["Message"] = T["Entries are now kept for {0} days.", days].Value;
        return Redirect("/admin/audit");
    }

    public string Describe(string action) => T["Action " + action] is { ResourceNotFound: false } found ? found.Value : action;

    public string FilterUrl(int? page = null, string? handler = null) => "/admin/audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler,
        ["user"] = UserName, ["action"] = ActionName,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["item"] = Item, ["page"] = page?.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
