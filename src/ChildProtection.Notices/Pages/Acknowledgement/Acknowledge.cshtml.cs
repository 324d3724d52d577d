using ChildProtection.Core.Settings;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Replies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Acknowledgement;

/// <summary>
/// The page behind each recipient's personal link: the notice with its attachments and the "Đã nhận"
/// button. Anonymous on purpose (schools have no accounts); the signed token is the key. GET only shows.
/// </summary>
// The size limit sits on the page, not the handler: Razor Pages take request limits from the page's endpoint only.
[RequestSizeLimit(ReplyFileInspector.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReplyFileInspector.MaxRequestBytes)]
public sealed class AcknowledgeModel(AcknowledgementDesk desk, ReplyDesk replies, ISiteSettingsService site, IStringLocalizer<NoticesText> T) : PageModel
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

    // The reply the notice asks for (see Replies/ReplyDesk): shown after "Đã nhận".
    public List<NoticeReplyField> ReplyFields { get; private set; } = [];
    /// <summary>The organisation's versions, newest first.</summary>
    public List<NoticeReply> ReplyVersions { get; private set; } = [];
    public bool ReplyOpen { get; private set; }
    public bool JustReplied { get; private set; }
    public string? ReplyMessage { get; private set; }
    /// <summary>What was typed in a refused submission, to show it again; null shows the last version.</summary>
    public Dictionary<int, string>? Posted { get; private set; }
    public Dictionary<int, string> ReplyErrors { get; } = [];
    public NoticeReply? LastReply => ReplyVersions.FirstOrDefault();

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

    /// <summary>
    /// The reply (or a correction of it). Every field is checked first; anything wrong comes back with a
    /// message at the field and nothing is kept. Antiforgery as for "Đã nhận"; a size limit for the files.
    /// </summary>
    public async Task<IActionResult> OnPostReplyAsync(string token)
    {
        var ct = HttpContext.RequestAborted;
        await LookUpAsync(token);
        if (Kind != AcknowledgementPageKind.Valid || Recipient is null || Notice is null) return Page();
        if (ReplyFields.Count == 0) return Page();
        if (Recipient.AcknowledgedUtc is null)
        {
            // The form is shown after "Đã nhận"; a reply is an acknowledgement too.
            await desk.AcknowledgeAsync(Recipient, Name, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            Recipient = await desk.ReloadAsync(Recipient.Id, ct) ?? Recipient;
        }
        var form = await Request.ReadFormAsync(ct);
        var result = await replies.SubmitAsync(Notice, Recipient, form, Name, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.Succeeded)
        {
            JustReplied = true;
            ReplyMessage = T["Thank you: your reply (version {0}) was sent.", result.Reply!.Version];
        }
        else if (result.Closed) ReplyMessage = T["The reply deadline has passed: the form is closed and nothing more was saved."];
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            ReplyMessage = result.Conflict
                ? T["Another reply from your unit arrived at the same moment; nothing of this one was saved. Check the form below and send again."]
                : T["Nothing was sent. Please correct the fields marked below."];
            if (!result.Conflict)
            {
                Posted = ReplyFields.ToDictionary(f => f.Id, f => form.TryGetValue(ReplyDesk.FormName(f.Id), out var v) ? v.ToString() : "");
                foreach (var (fieldId, problem) in result.Problems) ReplyErrors[fieldId] = T[problem.Key, problem.Arguments];
            }
        }
        ReplyVersions = await replies.VersionsAsync(Notice.Id, Recipient.OrganisationId, ct);
        ReplyOpen = replies.IsOpen(Notice);
        return Page();
    }

    /// <summary>The value to show in a field: what was just typed, else the last version's.</summary>
    public string ValueFor(NoticeReplyField field)
    {
        if (Posted is not null) return Posted.GetValueOrDefault(field.Id) ?? "";
        var v = LastReply?.Values.FirstOrDefault(x => x.FieldId == field.Id);
        return field.Kind switch
        {
            _ when v is null => "",
            ReplyFieldKind.Number when v.Number is { } n => ReplyValues.FormatNumber(n).Replace(".", "", StringComparison.Ordinal),
            ReplyFieldKind.Date when v.Date is { } d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => v.Text ?? "",
        };
    }

    /// <summary>A value as the page shows it (numbers and dates the Vietnamese way).</summary>
    public static string Display(NoticeReplyField field, NoticeReplyValue? v) => field.Kind switch
    {
        _ when v is null => "–",
        ReplyFieldKind.Number when v.Number is { } n => ReplyValues.FormatNumber(n),
        ReplyFieldKind.Date when v.Date is { } d => ReplyValues.FormatDate(d),
        _ => v.Text ?? "–",
    };

    private async Task LookUpAsync(string token)
    {
        var settings = await site.GetAsync(HttpContext.RequestAborted);
        Time = SiteTime.From(settings);
        SiteName = settings.SiteName;
        Token = token;
        var found = await desk.LookUpAsync(token, HttpContext.RequestAborted);
        (Kind, Notice, Recipient) = (found.Kind, found.Notice, found.Recipient);
        if (Kind == AcknowledgementPageKind.Valid && Notice is not null && Recipient is not null)
        {
            ReplyFields = await replies.FieldsAsync(Notice.Id, HttpContext.RequestAborted);
            if (ReplyFields.Count > 0)
            {
                ReplyVersions = await replies.VersionsAsync(Notice.Id, Recipient.OrganisationId, HttpContext.RequestAborted);
                ReplyOpen = replies.IsOpen(Notice);
            }
        }
        Response.Headers.CacheControl = "no-store";
        Response.StatusCode = Kind switch
        {
            AcknowledgementPageKind.Invalid => StatusCodes.Status404NotFound,
            AcknowledgementPageKind.Expired or AcknowledgementPageKind.Withdrawn => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
    }
}
