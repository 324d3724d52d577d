using ChildProtection.Core.Settings;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Notices.Pages.Acknowledgement;

/// <summary>
/// The page behind each recipient's personal link: the notice with its attachments and the "Đã nhận"
/// button. Anonymous on purpose (schools have no accounts); the signed token is the key. GET only shows.
/// </summary>
public sealed class AcknowledgeModel(AcknowledgementDesk desk, ISiteSettingsService site) : PageModel
{
    public AcknowledgementPageKind Kind { get; private set; }
    public Notice? Notice { get; private set; }
    public NoticeRecipient? Recipient { get; private set; }
    public SiteTime Time { get; private set; } = null!;
    public string SiteName { get; private set; } = "";
    public string Token { get; private set; } = "";
    public bool JustAcknowledged { get; private set; }
    public bool AlreadyAcknowledged { get; private set; }
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        await LookUpAsync(token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        await LookUpAsync(token);
        if (Kind != AcknowledgementPageKind.Valid || Recipient is null) return Page();
        if (Recipient.AcknowledgedUtc is not null) { AlreadyAcknowledged = true; return Page(); }
        JustAcknowledged = await desk.AcknowledgeAsync(Recipient, Name, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        AlreadyAcknowledged = !JustAcknowledged;
        Recipient = await desk.ReloadAsync(Recipient.Id, HttpContext.RequestAborted) ?? Recipient;
        return Page();
    }

    private async Task LookUpAsync(string token)
    {
        var settings = await site.GetAsync(HttpContext.RequestAborted);
        Time = SiteTime.From(settings);
        SiteName = settings.SiteName;
        Token = token;
        var found = await desk.LookUpAsync(token, HttpContext.RequestAborted);
        (Kind, Notice, Recipient) = (found.Kind, found.Notice, found.Recipient);
        Response.Headers.CacheControl = "no-store";
        Response.StatusCode = Kind switch
        {
            AcknowledgementPageKind.Invalid => StatusCodes.Status404NotFound,
            AcknowledgementPageKind.Expired or AcknowledgementPageKind.Withdrawn => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
    }
}
