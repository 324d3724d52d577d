using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// The notice exactly as it will be e-mailed, built by the same composer delivery uses: the HTML part in a
/// sandboxed frame (served by <see cref="OnGetHtmlAsync"/> under a CSP of its own), the plain-text part
/// and the headers.
/// </summary>
public sealed class PreviewModel(NoticesDbContext db, NoticeMessageComposer composer, SampleRecipients samples, ISiteSettingsService site, SmtpSettingsService smtp, IStringLocalizer<NoticesText> T) : NoticesPageModel
{
    /// <summary>The address of the recipient to show the message as (the selector); the first when empty or unknown.</summary>
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public IReadOnlyList<NoticeAddressee> Recipients { get; private set; } = [];
    public NoticeAddressee? Shown { get; private set; }
    public Notice Notice { get; private set; } = null!;
    public MailMessageSpec Message { get; private set; } = null!;
    public string From { get; private set; } = "";
    public string? ReplyTo { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await ComposeAsync(id)) return NotFound();
        var mail = await smtp.GetAsync(HttpContext.RequestAborted);
        From = Mailbox(Message.From?.Name ?? mail.SenderName, Message.From?.Address ?? mail.SenderAddress ?? "");
        ReplyTo = Message.ReplyTo is { } r ? Mailbox(r.Name, r.Address) : mail.ReplyToAddress;
        return Page();
    }

    /// <summary>
    /// The HTML part alone. The body is sanitised already; the policy makes sure that even so nothing in it
    /// runs or loads from elsewhere, and only this site's own pages may frame it.
    /// </summary>
    public async Task<IActionResult> OnGetHtmlAsync(int id)
    {
        if (!await ComposeAsync(id)) return NotFound();
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";
        Response.Headers.CacheControl = "no-store";
        return Content(Message.HtmlBody ?? "", "text/html; charset=utf-8");
    }

    private async Task<bool> ComposeAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().Include(n => n.Attachments).Include(n => n.Targets).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return false;
        Notice = notice;
        var settings = await site.GetAsync(ct);
        var link = !string.IsNullOrWhiteSpace(settings.BaseUrl) ? settings.BaseUrl : $"{Request.Scheme}://{Request.Host}";
        // As one of the notice's recipients will get it (personal fields and all); a stand-in when it reaches nobody yet.
        Recipients = await samples.ListAsync(notice, ct);
        Shown = SampleRecipients.Pick(Recipients, To);
        var to = Shown ?? new NoticeAddressee(0, "don-vi@example.invalid", null, T["(the receiving unit)"].Value);
        await composer.PrepareAsync(notice, HttpContext.RequestAborted);
        Message = composer.Compose(notice, to, NoticeMessageKind.Notice, settings, link);
        return true;
    }

    private static string Mailbox(string? name, string address) => string.IsNullOrWhiteSpace(name) ? address : $"{name} <{address}>";
}
