using System.Globalization;
using System.Net;
using System.Text;
using ChildProtection.Core.Files;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Bounces;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Messages;

/// <summary>ReplyReminder: a reminder to a unit whose reply the notice still awaits (it says so, with the deadline).</summary>
public enum NoticeMessageKind { Notice, Reminder, Test, ReplyReminder }

/// <summary>Whom one message goes to: a ledger row, or the sender's own address for a test.</summary>
public sealed record NoticeAddressee(long RecipientId, string Email, string? ContactName, string OrganisationName)
{
    public int OrganisationId { get; init; }
    public string OrganisationCode { get; init; } = "";
    /// <summary>The ward or commune, looked up in the directory only when the notice uses it (<see cref="NoticeMessageComposer.UsesWard"/>).</summary>
    public string? Ward { get; init; }

    public static NoticeAddressee From(NoticeRecipient row, string? ward = null) =>
        new(row.Id, row.Email, row.ContactName, row.OrganisationName) { OrganisationId = row.OrganisationId, OrganisationCode = row.OrganisationCode, Ward = ward };
}

/// <summary>
/// Builds the e-mail of a notice exactly as it goes out, for delivery, reminders, the preview and the
/// test message alike (one code path, so the preview cannot lie): the official-document heading, the
/// body, the deadline, the personal acknowledgement link, the signer and the attachments, as HTML and
/// as plain text, with a stable Message-ID per notice and recipient.
/// </summary>
public sealed class NoticeMessageComposer(AcknowledgementTokens tokens, NoticeFiles files, ISiteIdentity identity, DeliverySettingsService deliverySettings, IStringLocalizer<NoticesText> localizer, BounceReturnPaths returnPaths)
{
    /// <summary>The delivery settings, read once per composer: whether a notice's files go as links.</summary>
    private DeliverySettings? delivery;

    /// <summary>The path of a file under a personal link: the link, then this, then the attachment's id.</summary>
    public const string FilePath = "/tep/";

    /// <summary>
    /// Whether this notice's messages carry a personal download link per file instead of the files: their
    /// total is above the size in the delivery settings. Decided when each message is composed.
    /// </summary>
    public bool SendsFilesAsLinks(Notice notice)
    {
        delivery ??= deliverySettings.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
        return notice.Attachments.Count > 0 && delivery.SendsFilesAsLinks(notice.Attachments.Sum(a => a.Size));
    }

    /// <summary>The site's id, read once per composer (the identity caches it for the process anyway).</summary>
    private string? siteId;
    /// <summary>
    /// What is the same in every message of one notice — the body's plain text (an HTML parse) and the
    /// attachments' bytes — worked out once per composer, which lives for one lane run or one request.
    /// Without it a lane re-parsed the body and re-read every file per recipient (bench notices).
    /// </summary>
    private (Notice Notice, string Html, string Text)? bodyText;
    private readonly Dictionary<string, byte[]> attachmentBytes = new(StringComparer.Ordinal);
    /// <summary>Attachments larger than this are streamed from disk per message instead of kept in memory.</summary>
    private const long CachedAttachmentLimit = 25L * 1024 * 1024;

    /// <summary>The path of the acknowledgement page; the token follows.</summary>
    public const string AcknowledgementPath = "/cong-van/xac-nhan/";

    /// <param name="notice">With <see cref="Notice.Attachments"/> loaded.</param>
    /// <param name="linkBaseUrl">The site's public address (no trailing slash needed).</param>
    /// <param name="reminderNumber">For reminders: 1 for the first one (part of the Message-ID).</param>
    public MailMessageSpec Compose(Notice notice, NoticeAddressee to, NoticeMessageKind kind, SiteSettings site, string linkBaseUrl, int reminderNumber = 0)
    {
        var previousCulture = CultureInfo.CurrentUICulture;
        // Jobs run without a request culture: write in the site's language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(site.Culture) ? "vi-VN" : site.Culture);
        try
        {
            var time = SiteTime.From(site);
            var baseUrl = linkBaseUrl.TrimEnd('/');
            var link = kind == NoticeMessageKind.Test
                ? baseUrl + AcknowledgementPath + "thu-nghiem"
                : baseUrl + AcknowledgementPath + tokens.Create(notice.Id, to.RecipientId,
                    AcknowledgementTokens.ExpiryFor(notice.ResponseDeadlineUtc, notice.SendingStartedUtc ?? DateTime.UtcNow));
            var template = Template(notice, kind, time);
            var personal = Personalisation(notice);
            var values = personal.Any
                ? new PersonalValues(to.OrganisationName, to.OrganisationCode, to.Ward, to.ContactName,
                    notice.ResponseDeadlineUtc is { } deadline ? time.FormatDate(deadline) : null, link)
                : null;
            var plainSubject = personal.Subject is { } s ? s.Render(values!, html: false) : notice.Subject;
            var subject = kind switch
            {
                NoticeMessageKind.Reminder or NoticeMessageKind.ReplyReminder => L("[Reminder] ") + plainSubject,
                NoticeMessageKind.Test => L("[Test] ") + plainSubject,
                _ => plainSubject,
            };
            return new MailMessageSpec
            {
                MessageId = MessageIdFor(SiteId(), notice.Id, to.RecipientId, kind, reminderNumber, baseUrl),
                To = new MailAddressSpec(to.Email, to.ContactName),
                ReplyTo = string.IsNullOrWhiteSpace(notice.ReplyToAddress) ? null : new MailAddressSpec(notice.ReplyToAddress!, notice.ReplyToName),
                Subject = subject,
                HtmlBody = Personal(template.Html, to.OrganisationName, link, html: true, personal, values, plainSubject),
                TextBody = Personal(template.Text, to.OrganisationName, link, html: false, personal, values, plainSubject),
                Attachments = SendsFilesAsLinks(notice) ? [] : notice.Attachments.OrderBy(a => a.Id).Select(a => Attachment(notice, a)).ToList(),
                // A test goes to the sender, not to a ledger row: its bounces are nobody's to record.
                EnvelopeSender = kind == NoticeMessageKind.Test ? null : returnPaths.For(to.RecipientId, kind is NoticeMessageKind.Reminder or NoticeMessageKind.ReplyReminder ? reminderNumber : 0),
            };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousCulture;
        }
    }

    /// <summary>
    /// Stable per delivery: the same ledger row, kind and reminder number give the same Message-ID on every
    /// retry and after a restart, so a resend is recognisable as the same message. The site's random id
    /// makes it unique among all sites: ledger ids start at 1 on every new site, and a mail client that
    /// drops repeated Message-IDs would otherwise drop a real notice as a duplicate of another site's.
    /// </summary>
    public static string MessageIdFor(string siteId, int noticeId, long recipientId, NoticeMessageKind kind, int reminderNumber, string linkBaseUrl)
    {
        var domain = Uri.TryCreate(linkBaseUrl, UriKind.Absolute, out var uri) && uri.Host.Contains('.') ? uri.Host : "childprotection.local";
        var ci = CultureInfo.InvariantCulture;
        return kind switch
        {
            NoticeMessageKind.Reminder or NoticeMessageKind.ReplyReminder => string.Create(ci, $"notice-{noticeId}.{recipientId}.reminder-{reminderNumber}.{siteId}@{domain}"),
            NoticeMessageKind.Test => string.Create(ci, $"notice-{noticeId}.test-{Guid.NewGuid():N}.{siteId}@{domain}"),
            _ => string.Create(ci, $"notice-{noticeId}.{recipientId}.{siteId}@{domain}"),
        };
    }

    // Compose is synchronous (the preview, the test send and the lanes share it); the id is cached by the
    // identity after the site's start, and PrepareAsync reads it ahead for the lanes.
    private string SiteId() => siteId ??= identity.GetSiteIdAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private string L(string key) => localizer[key].Value;

    private string ReplyAwaited(Notice notice, SiteTime time) => notice.ResponseDeadlineUtc is { } deadline
        ? localizer["Reminder: the office awaits your unit's reply by {0}. Open the link, press \"Received\" and fill in the form.", time.FormatDate(deadline)].Value
        : L("Reminder: the office awaits your unit's reply. Open the link, press \"Received\" and fill in the form.");

    /// <summary>
    /// The message with markers where the recipient's organisation and personal link go: rendered once per
    /// notice and kind, then filled in per recipient. The markers are random per composer, so no notice
    /// text can contain them.
    /// </summary>
    private (Notice Notice, NoticeMessageKind Kind, string Html, string Text)? template;
    private readonly string organisationMarker = "cp-organisation-" + Guid.NewGuid().ToString("N");
    private readonly string linkMarker = "cp-link-" + Guid.NewGuid().ToString("N");
    private readonly string subjectMarker = "cp-subject-" + Guid.NewGuid().ToString("N");
    private readonly string bodyMarker = "cp-body-" + Guid.NewGuid().ToString("N");

    private (string Html, string Text) Template(Notice notice, NoticeMessageKind kind, SiteTime time)
    {
        if (template is { } t && ReferenceEquals(t.Notice, notice) && t.Kind == kind) return (t.Html, t.Text);
        var placeholder = new NoticeAddressee(0, "", null, organisationMarker);
        var personal = Personalisation(notice);
        // A personal subject or body goes in per recipient, where its marker is.
        var title = personal.Subject is null ? notice.Subject : subjectMarker;
        var html = Html(notice, placeholder, kind, time, linkMarker, title, personal.Html is null ? notice.BodyHtml : bodyMarker);
        var text = Text(notice, placeholder, kind, time, linkMarker, personal.Html is null ? null : bodyMarker);
        template = (notice, kind, html, text);
        return (html, text);
    }

    private string Personal(string template, string organisation, string link, bool html, PersonalParts personal, PersonalValues? values, string subject)
    {
        var message = template
            .Replace(organisationMarker, html ? WebUtility.HtmlEncode(organisation) : organisation, StringComparison.Ordinal)
            .Replace(linkMarker, html ? WebUtility.HtmlEncode(link) : link, StringComparison.Ordinal);
        if (values is null) return message;
        if (html && personal.Subject is not null) message = message.Replace(subjectMarker, PersonalFields.Html.Encode(subject), StringComparison.Ordinal);
        if (personal.Html is { } body)
        {
            var part = html ? body.Render(values, html: true)
                // The text part has a template of its own, made from the body's text once (no HTML parse per message).
                : personal.Text?.Render(values, html: false) ?? HtmlToText.Convert(body.Render(values, html: true));
            message = message.Replace(bodyMarker, part, StringComparison.Ordinal);
        }
        return message;
    }

    /// <summary>The notice's subject, body and body text as checked Liquid templates; null where a text has no placeholders.</summary>
    internal readonly record struct PersonalParts(PersonalTemplate? Subject, PersonalTemplate? Html, PersonalTemplate? Text)
    {
        public bool Any => Subject is not null || Html is not null;
    }

    private (Notice Notice, string Subject, string Body, PersonalParts Value)? personalisation;

    /// <summary>Parsed once per notice and composer (a lane run, a request), rendered per recipient.</summary>
    internal PersonalParts Personalisation(Notice notice)
    {
        if (personalisation is { } p && ReferenceEquals(p.Notice, notice) && ReferenceEquals(p.Subject, notice.Subject) && ReferenceEquals(p.Body, notice.BodyHtml)) return p.Value;
        // A text that does not pass the check (a draft saved before placeholders existed) goes out as it is written.
        var subject = PersonalFields.Parse(notice.Subject, html: false).Template;
        var html = PersonalFields.Parse(notice.BodyHtml, html: true).Template;
        var text = html is null ? null : PersonalFields.Parse(BodyText(notice), html: false).Template;
        var value = new PersonalParts(subject, html, text);
        personalisation = (notice, notice.Subject, notice.BodyHtml, value);
        return value;
    }

    /// <summary>Whether messages of this notice need the recipients' wards from the directory.</summary>
    public bool UsesWard(Notice notice)
    {
        var p = Personalisation(notice);
        return p.Subject?.UsesWard == true || p.Html?.UsesWard == true;
    }

    private string BodyText(Notice notice)
    {
        if (bodyText is { } cached && ReferenceEquals(cached.Notice, notice) && ReferenceEquals(cached.Html, notice.BodyHtml)) return cached.Text;
        var text = HtmlToText.Convert(notice.BodyHtml);
        bodyText = (notice, notice.BodyHtml, text);
        return text;
    }

    /// <summary>
    /// Opens the notice's attachments in the file store once (and reads the small ones into memory), so that
    /// composing each message does no I/O of its own. <see cref="Compose"/> does it itself when not called first.
    /// </summary>
    public async Task PrepareAsync(Notice notice, CancellationToken cancellationToken)
    {
        siteId ??= await identity.GetSiteIdAsync(cancellationToken);
        await returnPaths.PrepareAsync(cancellationToken);
        delivery ??= await deliverySettings.GetAsync(cancellationToken);
        // Files that go as links are not read at all.
        if (SendsFilesAsLinks(notice)) return;
        foreach (var attachment in notice.Attachments)
        {
            var path = NoticeFiles.PathFor(notice.Id, attachment.StoredName);
            if (attachmentFiles.ContainsKey(path)) continue;
            var stored = await files.OpenAsync(notice.Id, attachment.StoredName, cancellationToken)
                ?? throw new FileNotFoundException($"Attachment {attachment.Id} of notice {notice.Id} is not in the file store.", path);
            attachmentFiles[path] = stored;
            if (stored.Length <= CachedAttachmentLimit)
            {
                var bytes = new byte[stored.Length];
                await using (var content = stored.OpenRead()) await content.ReadExactlyAsync(bytes, cancellationToken);
                attachmentBytes[path] = bytes;
            }
        }
    }

    private readonly Dictionary<string, StoredFile> attachmentFiles = new(StringComparer.Ordinal);

    private MailAttachmentSpec Attachment(Notice notice, NoticeAttachment attachment)
    {
        var path = NoticeFiles.PathFor(notice.Id, attachment.StoredName);
        if (!attachmentFiles.ContainsKey(path)) PrepareAsync(notice, CancellationToken.None).GetAwaiter().GetResult();
        if (attachmentBytes.TryGetValue(path, out var bytes)) return MailAttachmentSpec.FromBytes(attachment.FileName, attachment.ContentType, bytes);
        // Large: streamed from the store for each message (a chunk at a time on the database store).
        return new MailAttachmentSpec(attachment.FileName, attachment.ContentType, attachmentFiles[path].OpenRead);
    }

    /// <summary>The personal link (or its marker, in a template) followed by the file's path: one download per file and recipient.</summary>
    private static string FileLink(string link, NoticeAttachment a) => link + FilePath + a.Id.ToString(CultureInfo.InvariantCulture);

    private string Heading(Notice notice, SiteTime time)
    {
        var ci = CultureInfo.InvariantCulture;
        var place = string.IsNullOrWhiteSpace(notice.IssuedPlace) ? "" : notice.IssuedPlace + ", ";
        // The official way of writing the date on a document: "ngày 03 tháng 4 năm 2024".
        var date = notice.IssuedOn is { } d ? string.Format(ci, L("day {0:00} month {1} year {2}"), d.Day, d.Month, d.Year) : "";
        return (place + date).Trim().TrimEnd(',');
    }

    private string Html(Notice notice, NoticeAddressee to, NoticeMessageKind kind, SiteTime time, string link, string title, string body)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title></head>");
        h.Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:720px;margin:0 auto;padding:16px\">");
        if (kind == NoticeMessageKind.Test)
            h.Append("<p style=\"background:#fff4ce;padding:8px;border:1px solid #e0c060\">").Append(E(L("This is a test message: the acknowledgement link below does not work."))).Append("</p>");
        if (kind == NoticeMessageKind.Reminder)
            h.Append("<p style=\"background:#fff4ce;padding:8px;border:1px solid #e0c060\"><strong>").Append(E(L("Reminder: your unit has not yet acknowledged this notice."))).Append("</strong></p>");
        if (kind == NoticeMessageKind.ReplyReminder)
            h.Append("<p style=\"background:#fff4ce;padding:8px;border:1px solid #e0c060\"><strong>").Append(E(ReplyAwaited(notice, time))).Append("</strong></p>");
        h.Append("<table role=\"presentation\" width=\"100%\" style=\"border-collapse:collapse\"><tr>");
        h.Append("<td style=\"vertical-align:top;text-align:center;width:45%\"><strong>").Append(E(notice.Issuer.ToUpper(CultureInfo.GetCultureInfo("vi-VN")))).Append("</strong><br>")
            .Append(E(L("No.: "))).Append(E(notice.NumberSymbol)).Append("<br><em>").Append(E(L("Re: "))).Append(E(notice.Summary)).Append("</em></td>");
        h.Append("<td style=\"vertical-align:top;text-align:center\"><strong>").Append(E(L("SOCIALIST REPUBLIC OF VIETNAM"))).Append("</strong><br>")
            .Append(E(L("Independence – Freedom – Happiness"))).Append("<br><em>").Append(E(Heading(notice, time))).Append("</em></td>");
        h.Append("</tr></table>");
        h.Append("<p><strong>").Append(E(L("To: "))).Append("</strong>").Append(E(to.OrganisationName)).Append("</p>");
        h.Append("<div>").Append(body).Append("</div>");
        if (notice.ResponseDeadlineUtc is { } deadline)
            h.Append("<p><strong>").Append(E(L("Response deadline: "))).Append(E(time.FormatDate(deadline))).Append("</strong></p>");
        h.Append("<p style=\"margin:24px 0\"><a href=\"").Append(E(link)).Append("\" style=\"background:#0b5cad;color:#ffffff;padding:12px 20px;text-decoration:none;border-radius:4px;display:inline-block\">")
            .Append(E(L("Open the notice and confirm receipt"))).Append("</a></p>");
        h.Append("<p style=\"font-size:13px;color:#555\">").Append(E(L("This link is personal to your unit. Opening it does not confirm receipt: press \"Received\" on the page."))).Append("</p>");
        if (notice.Attachments.Count > 0 && SendsFilesAsLinks(notice))
        {
            h.Append("<p><strong>").Append(E(L("Files to download:"))).Append("</strong></p><ul>");
            foreach (var a in notice.Attachments.OrderBy(a => a.Id))
                h.Append("<li><a href=\"").Append(E(FileLink(link, a))).Append("\">").Append(E(a.FileName)).Append("</a> (").Append(E(FileSizes.Format(a.Size))).Append(")</li>");
            h.Append("</ul><p style=\"font-size:13px;color:#555\">").Append(E(L("The files are too large to attach: each link is personal to your unit."))).Append("</p>");
        }
        else if (notice.Attachments.Count > 0)
        {
            h.Append("<p><strong>").Append(E(L("Attachments:"))).Append("</strong></p><ul>");
            foreach (var a in notice.Attachments.OrderBy(a => a.Id)) h.Append("<li>").Append(E(a.FileName)).Append("</li>");
            h.Append("</ul>");
        }
        if (!string.IsNullOrWhiteSpace(notice.SignerName))
            h.Append("<p style=\"text-align:right\"><strong>").Append(E(notice.SignerTitle)).Append("</strong><br><br>").Append(E(notice.SignerName)).Append("</p>");
        h.Append("</body></html>");
        return h.ToString();
    }

    private string Text(Notice notice, NoticeAddressee to, NoticeMessageKind kind, SiteTime time, string link, string? body)
    {
        var t = new StringBuilder();
        if (kind == NoticeMessageKind.Test) t.AppendLine(L("This is a test message: the acknowledgement link below does not work.")).AppendLine();
        if (kind == NoticeMessageKind.Reminder) t.AppendLine(L("Reminder: your unit has not yet acknowledged this notice.")).AppendLine();
        if (kind == NoticeMessageKind.ReplyReminder) t.AppendLine(ReplyAwaited(notice, time)).AppendLine();
        t.AppendLine(notice.Issuer.ToUpper(CultureInfo.GetCultureInfo("vi-VN")));
        t.Append(L("No.: ")).AppendLine(notice.NumberSymbol);
        var heading = Heading(notice, time);
        if (heading.Length > 0) t.AppendLine(heading);
        t.Append(L("Re: ")).AppendLine(notice.Summary).AppendLine();
        t.Append(L("To: ")).AppendLine(to.OrganisationName).AppendLine();
        t.AppendLine(body ?? BodyText(notice)).AppendLine();
        if (notice.ResponseDeadlineUtc is { } deadline) t.Append(L("Response deadline: ")).AppendLine(time.FormatDate(deadline)).AppendLine();
        t.AppendLine(L("Open the notice and confirm receipt")).AppendLine(link);
        t.AppendLine(L("This link is personal to your unit. Opening it does not confirm receipt: press \"Received\" on the page.")).AppendLine();
        if (notice.Attachments.Count > 0 && SendsFilesAsLinks(notice))
        {
            t.AppendLine(L("Files to download:"));
            foreach (var a in notice.Attachments.OrderBy(a => a.Id)) t.Append("- ").Append(a.FileName).Append(" (").Append(FileSizes.Format(a.Size)).AppendLine(")").Append("  ").AppendLine(FileLink(link, a));
            t.AppendLine(L("The files are too large to attach: each link is personal to your unit.")).AppendLine();
        }
        else if (notice.Attachments.Count > 0)
        {
            t.AppendLine(L("Attachments:"));
            foreach (var a in notice.Attachments.OrderBy(a => a.Id)) t.Append("- ").AppendLine(a.FileName);
            t.AppendLine();
        }
        if (!string.IsNullOrWhiteSpace(notice.SignerName)) t.AppendLine(notice.SignerTitle).AppendLine(notice.SignerName);
        return t.ToString().TrimEnd() + "\n";
    }
}
