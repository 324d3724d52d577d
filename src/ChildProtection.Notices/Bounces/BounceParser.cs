using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace ChildProtection.Notices.Bounces;

public enum BounceKind { None, Permanent, Temporary }

/// <summary>A notice's Message-ID found in a bounce: <c>notice-{notice}.{row}[.reminder-{n}].{siteId}@host</c>.</summary>
public readonly record struct NoticeMessageReference(int NoticeId, long RecipientId, int Reminder, string SiteId);

/// <summary>
/// What a returned message says: whether it is a failure at all (and which kind), the status code and
/// the server's words, and how to find the delivery it is about — the VERP tag of the address it was sent
/// to, or the original Message-ID quoted in it.
/// </summary>
public sealed record BounceFindings(BounceKind Kind, string? Status, string? Reason, string? Tag, NoticeMessageReference? MessageReference, string? FailedRecipient);

/// <summary>
/// Reads delivery reports: RFC 3464 (multipart/report with message/delivery-status, MimeKit's
/// <see cref="MessageDeliveryStatus"/>) first, then the common non-standard bounces (Exchange, Postfix,
/// qmail, Gmail as plain text) by the enhanced status code (5.1.1, 4.2.2), a bare SMTP reply code, or
/// their usual words. Never throws on odd content: what it cannot read is simply not found.
/// </summary>
public static partial class BounceParser
{
    private const int MaxReason = 500;
    /// <summary>How much text of one message is searched: bounces quote whole messages, attachments included.</summary>
    private const int MaxText = 256 * 1024;

    /// <param name="bounceAddress">The bounce address from the settings (<c>bounces@city.gov.vn</c>): its tagged form is searched for.</param>
    public static BounceFindings Parse(MimeMessage message, string? bounceAddress)
    {
        var texts = new List<string>();
        DeliveryStatusGroup? dsn = null;
        Walk(message.Body, texts, ref dsn, depth: 0);
        var headers = HeaderText(message);
        var all = Limit(headers + "\n" + string.Join("\n", texts));

        var tag = FindTag(headers, bounceAddress) ?? FindTag(all, bounceAddress);
        var reference = FindMessageId(all);

        if (dsn is { } group && group.Kind != BounceKind.None)
            return new BounceFindings(group.Kind, group.Status, group.Reason, tag, reference, group.Recipient);

        var body = Limit(string.Join("\n", texts));
        var (kind, status, reason) = Classify(body, message.Subject ?? "");
        return new BounceFindings(kind, status, reason, tag, reference, null);
    }

    private sealed record DeliveryStatusGroup(BounceKind Kind, string? Status, string? Reason, string? Recipient);

    private static void Walk(MimeEntity? entity, List<string> texts, ref DeliveryStatusGroup? dsn, int depth)
    {
        if (entity is null || depth > 10) return;
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart) Walk(child, texts, ref dsn, depth + 1);
                break;
            case MessageDeliveryStatus status:
                dsn ??= ReadStatus(status);
                texts.Add(Decode(status));
                break;
            case MessagePart part when part.Message is { } inner:
                // message/rfc822 or text/rfc822-headers: the original's headers carry its Message-ID.
                texts.Add(HeaderText(inner));
                Walk(inner.Body, texts, ref dsn, depth + 1);
                break;
            case TextPart text:
                texts.Add(text.IsHtml ? HtmlToPlain(text.Text) : text.Text);
                break;
            case MimePart part when part.ContentType.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
                                   || part.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase):
                texts.Add(Decode(part));
                break;
        }
    }

    private static DeliveryStatusGroup? ReadStatus(MessageDeliveryStatus status)
    {
        try
        {
            var groups = status.StatusGroups;
            // Group 0 is about the message; each later one is about one recipient.
            for (var i = 1; i < groups.Count; i++)
            {
                var g = groups[i];
                var action = (g["Action"] ?? "").Trim().ToLowerInvariant();
                var code = (g["Status"] ?? "").Trim();
                var kind = action switch
                {
                    "failed" => BounceKind.Permanent,
                    "delayed" => BounceKind.Temporary,
                    "delivered" or "relayed" or "expanded" => BounceKind.None,
                    _ => code.StartsWith('5') ? BounceKind.Permanent : code.StartsWith('4') ? BounceKind.Temporary : BounceKind.None,
                };
                // "failed" with a 4.x.x status (a temporary error given up on) is final for us too.
                if (kind == BounceKind.None) continue;
                var diagnostic = Unfold(g["Diagnostic-Code"]);
                var recipient = Unfold(g["Final-Recipient"] ?? g["Original-Recipient"]);
                if (recipient?.IndexOf(';') is >= 0 and var semicolon) recipient = recipient[(semicolon + 1)..].Trim();
                var reason = Trim(string.IsNullOrEmpty(diagnostic) ? code : code.Length > 0 && !diagnostic.Contains(code, StringComparison.Ordinal) ? code + " " + diagnostic : diagnostic);
                return new DeliveryStatusGroup(kind, code.Length > 0 ? code : null, reason, recipient);
            }
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException)
        {
            // A broken delivery-status part: the plain-text rules below may still read the bounce.
        }
        return null;
    }

    /// <summary>The non-standard bounce: an enhanced status code, then a bare SMTP reply code, then the usual words.</summary>
    internal static (BounceKind Kind, string? Status, string? Reason) Classify(string body, string subject)
    {
        var enhanced = EnhancedCode().Match(body);
        if (enhanced.Success)
        {
            var code = enhanced.Value;
            return (code[0] == '5' ? BounceKind.Permanent : BounceKind.Temporary, code, Trim(LineAround(body, enhanced.Index)));
        }
        var basic = ReplyCode().Match(body);
        if (basic.Success)
        {
            var code = basic.Groups[1].Value;
            return (code[0] == '5' ? BounceKind.Permanent : BounceKind.Temporary, code[0] + ".0.0", Trim(LineAround(body, basic.Groups[1].Index)));
        }
        var text = subject + "\n" + body;
        var permanent = PermanentWords().Match(text);
        if (permanent.Success) return (BounceKind.Permanent, "5.0.0", Trim(LineAround(text, permanent.Index)));
        var temporary = TemporaryWords().Match(text);
        if (temporary.Success) return (BounceKind.Temporary, "4.0.0", Trim(LineAround(text, temporary.Index)));
        return (BounceKind.None, null, null);
    }

    private static string? FindTag(string text, string? bounceAddress)
    {
        if (string.IsNullOrWhiteSpace(bounceAddress) || bounceAddress.LastIndexOf('@') <= 0) return null;
        var at = bounceAddress.LastIndexOf('@');
        var local = Regex.Escape(bounceAddress[..at].Trim());
        var domain = Regex.Escape(bounceAddress[(at + 1)..].Trim());
        var match = Regex.Match(text, local + @"\+([0-9a-zA-Z-]{1,60})@" + domain, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static NoticeMessageReference? FindMessageId(string text)
    {
        foreach (Match m in MessageIdPattern().Matches(text))
        {
            if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var notice)
                || !long.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var row)) continue;
            var reminder = m.Groups[3].Success && int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
            return new NoticeMessageReference(notice, row, reminder, m.Groups[4].Value);
        }
        return null;
    }

    private static string HeaderText(MimeMessage message)
    {
        var text = new StringBuilder();
        foreach (var header in message.Headers)
        {
            string value;
            try { value = header.Value; }
            catch (Exception e) when (e is FormatException or ArgumentException) { continue; }
            text.Append(header.Field).Append(": ").Append(value).Append('\n');
        }
        return text.ToString();
    }

    private static string Decode(MimePart part)
    {
        if (part.Content is null) return "";
        using var output = new MemoryStream();
        part.Content.DecodeTo(output);
        var charset = part.ContentType.Charset;
        Encoding encoding;
        try { encoding = charset is null ? Encoding.UTF8 : Encoding.GetEncoding(charset); }
        catch (ArgumentException) { encoding = Encoding.UTF8; }
        var bytes = output.GetBuffer().AsSpan(0, (int)Math.Min(output.Length, MaxText));
        return encoding.GetString(bytes);
    }

    private static string HtmlToPlain(string html) => Regex.Replace(html, "<[^>]*>", " ", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Limit(string text) => text.Length > MaxText ? text[..MaxText] : text;

    private static string? Unfold(string? value) => value is null ? null : Regex.Replace(value, @"\s+", " ").Trim();

    /// <summary>The line a match is on, with the next one when the line is only a lead-in ("Remote host said:").</summary>
    private static string LineAround(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        var line = (end < 0 ? text[start..] : text[start..end]).Trim();
        return line;
    }

    private static string? Trim(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        reason = Regex.Replace(reason, @"\s+", " ").Trim();
        return reason.Length > MaxReason ? reason[..MaxReason] : reason;
    }

    // 5.1.1, 4.2.2 — not part of a longer dotted number (an IP address, a version).
    [GeneratedRegex(@"(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![\d.])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EnhancedCode();

    // "550 User unknown", "#550", "said: 552-..." at a line start or after "said:" / "#".
    [GeneratedRegex(@"(?:^|said:\s*|#)\s*([45][0-5]\d)[\s-]", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReplyCode();

    [GeneratedRegex(@"permanent (?:error|failure|fatal)|user unknown|unknown user|no such (?:user|mailbox)|mailbox (?:unavailable|not found|does not exist)|address rejected|does not exist|account (?:is )?disabled|delivery has failed|undeliverable", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PermanentWords();

    [GeneratedRegex(@"temporary (?:error|failure|problem)|delivery (?:is )?delayed|has been delayed|will (?:retry|keep trying)|still trying|deferred|mailbox (?:is )?full|over quota", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TemporaryWords();

    [GeneratedRegex(@"notice-(\d{1,10})\.(\d{1,19})(?:\.reminder-(\d{1,4}))?\.([A-Za-z0-9]{4,64})@", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MessageIdPattern();
}
