using System.Globalization;
using System.Text.RegularExpressions;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;

namespace ChildProtection.Notices.Authoring;

/// <summary>
/// The draft form as typed: every value a string, so a bad date or number comes back to the person with
/// a Vietnamese message instead of a model-binding error in English.
/// </summary>
public sealed partial class NoticeInput
{
    public string? Issuer { get; set; }
    public string? NumberSymbol { get; set; }
    public string? DocumentType { get; set; }
    public string? IssuedOn { get; set; }
    public string? IssuedPlace { get; set; }
    public string? Summary { get; set; }
    public string? SignerTitle { get; set; }
    public string? SignerName { get; set; }
    public string? Subject { get; set; }
    public string? BodyHtml { get; set; }
    public string? ReplyToAddress { get; set; }
    public string? ReplyToName { get; set; }
    public string? Deadline { get; set; }
    public string? ReminderDaysBefore { get; set; } = "3";
    public string? MaxReminders { get; set; } = "2";
    public bool RequiresApproval { get; set; }
    public List<int> GroupIds { get; set; } = [];
    public List<int> OrganisationIds { get; set; } = [];
    public string? Version { get; set; }

    /// <summary>The {0} of an error message, by field (the name of an unknown placeholder, say).</summary>
    public Dictionary<string, string> ErrorArguments { get; } = [];

    [GeneratedRegex(@"^[0-9]+/[^\s/][^\s]*$")]
    private static partial Regex NumberSymbolShape();

    public static NoticeInput From(Notice n, SiteTime time) => new()
    {
        Issuer = n.Issuer, NumberSymbol = n.NumberSymbol, DocumentType = n.DocumentType,
        IssuedOn = n.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IssuedPlace = n.IssuedPlace,
        Summary = n.Summary, SignerTitle = n.SignerTitle, SignerName = n.SignerName, Subject = n.Subject, BodyHtml = n.BodyHtml,
        ReplyToAddress = n.ReplyToAddress, ReplyToName = n.ReplyToName,
        Deadline = n.ResponseDeadlineUtc is { } d ? time.ToLocal(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ReminderDaysBefore = n.ReminderDaysBefore.ToString(CultureInfo.InvariantCulture), MaxReminders = n.MaxReminders.ToString(CultureInfo.InvariantCulture),
        RequiresApproval = n.RequiresApproval,
        GroupIds = n.Targets.Where(t => t.Kind == NoticeTargetKind.Group).Select(t => t.TargetId).ToList(),
        OrganisationIds = n.Targets.Where(t => t.Kind == NoticeTargetKind.Organisation).Select(t => t.TargetId).ToList(),
        Version = n.Version.ToString(),
    };

    /// <summary>
    /// Checks every field and, only when all are right, writes them onto <paramref name="notice"/>.
    /// Errors are keyed by field name; the values are English resource keys.
    /// </summary>
    public Dictionary<string, string> ApplyTo(Notice notice, SiteTime time, DateTime nowUtc, Func<string?, string> sanitize)
    {
        var errors = new Dictionary<string, string>();
        string? Clean(string? v, int max, string field, string? requiredMessage = null)
        {
            var s = string.IsNullOrWhiteSpace(v) ? null : v.Trim().Normalize();
            if (s is null && requiredMessage is not null) errors[field] = requiredMessage;
            else if (s?.Length > max) errors[field] = "This text is too long.";
            return s;
        }
        var issuer = Clean(Issuer, 300, nameof(Issuer), "Enter the issuing body.");
        var number = Clean(NumberSymbol, 100, nameof(NumberSymbol), "Enter the number and symbol.");
        if (number is not null && !errors.ContainsKey(nameof(NumberSymbol)) && !NumberSymbolShape().IsMatch(number))
            errors[nameof(NumberSymbol)] = "The number and symbol must look like 2869/UBND-LĐTBXH.";
        var type = Clean(DocumentType, 100, nameof(DocumentType), "Choose the document type.");
        if (type is not null && !DocumentTypes.Common.Contains(type)) errors[nameof(DocumentType)] = "Choose the document type.";
        DateOnly? issuedOn = null;
        if (!string.IsNullOrWhiteSpace(IssuedOn))
        {
            if (DateOnly.TryParseExact(IssuedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) issuedOn = d;
            else errors[nameof(IssuedOn)] = "The date of issue is not a valid date.";
        }
        var place = Clean(IssuedPlace, 200, nameof(IssuedPlace));
        var summary = Clean(Summary, 1000, nameof(Summary), "Enter the summary (trích yếu).");
        var signerTitle = Clean(SignerTitle, 200, nameof(SignerTitle));
        var signerName = Clean(SignerName, 200, nameof(SignerName));
        var subject = Clean(Subject, 300, nameof(Subject));
        // The subject defaults from the summary: most senders write it once.
        subject ??= summary is null ? null : (summary.Length > 300 ? summary[..300] : summary);
        if (subject is null && !errors.ContainsKey(nameof(Summary))) errors[nameof(Subject)] = "Enter the subject.";
        var body = sanitize(BodyHtml);
        if (string.IsNullOrWhiteSpace(Messages.HtmlToText.Convert(body))) errors[nameof(BodyHtml)] = "Write the body of the notice.";
        if (subject is not null && !errors.ContainsKey(nameof(Subject)) && !errors.ContainsKey(nameof(Summary)) && PersonalFieldError(subject, null) is { } subjectError)
            (errors[nameof(Subject)], ErrorArguments[nameof(Subject)]) = (subjectError.Key, subjectError.Argument);
        if (!errors.ContainsKey(nameof(BodyHtml)) && PersonalFieldError(null, body) is { } bodyError)
            (errors[nameof(BodyHtml)], ErrorArguments[nameof(BodyHtml)]) = (bodyError.Key, bodyError.Argument);
        var replyTo = Clean(ReplyToAddress, 320, nameof(ReplyToAddress));
        if (replyTo is not null && !errors.ContainsKey(nameof(ReplyToAddress)) && !IsAddress(replyTo))
            errors[nameof(ReplyToAddress)] = "The reply-to address is not a valid e-mail address.";
        var replyToName = Clean(ReplyToName, 200, nameof(ReplyToName));
        DateTime? deadlineUtc = null;
        if (!string.IsNullOrWhiteSpace(Deadline))
        {
            if (!DateOnly.TryParseExact(Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                errors[nameof(Deadline)] = "The response deadline is not a valid date.";
            else
            {
                // The end of that day where the recipients are.
                deadlineUtc = time.ToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)));
                if (deadlineUtc < nowUtc && deadlineUtc != notice.ResponseDeadlineUtc) errors[nameof(Deadline)] = "The response deadline has already passed.";
            }
        }
        if (!int.TryParse(ReminderDaysBefore, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 60)
            errors[nameof(ReminderDaysBefore)] = "Days before the deadline must be a whole number from 0 to 60.";
        if (!int.TryParse(MaxReminders, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max > 10)
            errors[nameof(MaxReminders)] = "The number of reminders must be a whole number from 0 to 10.";
        if (errors.Count > 0) return errors;

        notice.Issuer = issuer!; notice.NumberSymbol = number!; notice.DocumentType = type!; notice.IssuedOn = issuedOn; notice.IssuedPlace = place;
        notice.Summary = summary!; notice.SignerTitle = signerTitle; notice.SignerName = signerName; notice.Subject = subject!; notice.BodyHtml = body;
        notice.ReplyToAddress = replyTo; notice.ReplyToName = replyToName; notice.ResponseDeadlineUtc = deadlineUtc;
        notice.ReminderDaysBefore = days; notice.MaxReminders = max; notice.RequiresApproval = RequiresApproval;
        return errors;
    }

    /// <summary>
    /// The first placeholder problem in a subject or body (an unknown name, a Liquid tag, a syntax error),
    /// as a resource key and its {0}; null when they are fine. Checked at save and again before a notice
    /// is submitted, approved or sent (a draft may have been saved before the check existed).
    /// </summary>
    public static (string Field, string Key, string Argument)? PersonalFieldError(string? subject, string? bodyHtml)
    {
        if (Messages.PersonalFields.Parse(subject, html: false) is { IsValid: false } s) return (nameof(Subject), s.ErrorKey!, s.ErrorArgument ?? "");
        if (Messages.PersonalFields.Parse(bodyHtml, html: true) is { IsValid: false } b) return (nameof(BodyHtml), b.ErrorKey!, b.ErrorArgument ?? "");
        // The text part is made from the body's text and parsed on its own: it must pass too.
        if (Messages.PersonalFields.MayHaveLiquid(bodyHtml) && Messages.PersonalFields.Parse(Messages.HtmlToText.Convert(bodyHtml), html: false) is { IsValid: false } t)
            return (nameof(BodyHtml), t.ErrorKey!, t.ErrorArgument ?? "");
        return null;
    }

    public static bool IsAddress(string value)
    {
        var at = value.IndexOf('@');
        return at > 0 && at < value.Length - 1 && !value.Any(char.IsWhiteSpace)
            && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;
    }
}
