using ChildProtection.Search.Indexing;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Search.Pages.Admin.Search;

/// <summary>
/// The index at a glance (items, folder, last rebuild) and the button that rebuilds it in the background;
/// while a rebuild runs the page shows its progress and refreshes itself every two seconds.
/// </summary>
public sealed class IndexModel(IAuthorizationService authorization, ISiteSettingsService settings) : PageModel
{
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    /// <summary>A time as the site's people read it (the site's time zone, dd/MM/yyyy HH:mm).</summary>
    public string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    internal RebuildStatus Status { get; private set; } = null!;
    public int Count { get; private set; }
    public string Folder { get; private set; } = "";
    public string? Message { get; private set; }
    public bool Refused { get; private set; }
    public bool Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? started)
    {
        if (!await authorization.AuthorizeAsync(User, SearchPermissions.ManageSearchIndex)) return Denied();
        await LoadAsync();
        if (started == "1") Message = "The rebuild has started. The site can be searched as usual meanwhile.";
        return Page();
    }

    public async Task<IActionResult> OnPostRebuildAsync()
    {
        if (!await authorization.AuthorizeAsync(User, SearchPermissions.ManageSearchIndex)) return Denied();
        var rebuild = HttpContext.RequestServices.GetRequiredService<IndexRebuild>();
        if (!rebuild.TryStart(User.Identity?.Name))
        {
            await LoadAsync();
            Refused = true;
            Message = "A rebuild is already running; wait for it to finish.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        return Redirect("/admin/search?started=1");
    }

    private async Task LoadAsync()
    {
        timeZone = (await settings.GetAsync(HttpContext.RequestAborted)).GetTimeZone();
        var index = HttpContext.RequestServices.GetRequiredService<SearchIndex>();
        Status = HttpContext.RequestServices.GetRequiredService<IndexRebuild>().Status;
        Folder = index.Folder;
        try { Count = index.Count; }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException) { Unavailable = true; }
    }

    private IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
}
