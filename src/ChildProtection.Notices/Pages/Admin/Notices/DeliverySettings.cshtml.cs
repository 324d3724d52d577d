using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Notices.Delivery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// How hard notice delivery may push the mail server: connections, claim size, rate, retries and back-off, and
/// the per-domain limits (a table of domains, rows added with "Add a domain" without script, removed by a tick).
/// </summary>
public sealed class DeliverySettingsModel(DeliverySettingsService settingsService, IAuthorizationService authorization, IStringLocalizer<DeliveryText> D) : PageModel
{
    public DeliverySettings Current { get; private set; } = new();
    /// <summary>What was typed, shown back when refused.</summary>
    public Dictionary<string, string?> Typed { get; } = new();
    public List<string> Errors { get; } = [];
    /// <summary>The per-domain limits as typed (the last row blank, for a new domain).</summary>
    [BindProperty] public List<DomainLimitInput> Domains { get; set; } = [];
    /// <summary>Errors of the domain table's fields, by field name (<c>Domains[2].Domain</c>).</summary>
    public Dictionary<string, string> FieldErrors { get; } = [];
    public string? ErrorFor(string field) => FieldErrors.GetValueOrDefault(field);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, NoticesPermission.SendNotices)) return Forbid();
        Current = await settingsService.GetAsync(HttpContext.RequestAborted);
        Domains = Current.DomainLimits.Select(DomainLimitInput.From).Append(new DomainLimitInput()).ToList();
        return Page();
    }

    /// <summary>"Add a domain": the form again with one more blank row, nothing saved (works without script).</summary>
    public async Task<IActionResult> OnPostAddDomainAsync(string? connections, string? claimSize, string? ratePerMinute, string? maxAttempts, string? backoffBaseSeconds,
        string? attachmentLinksAboveMegabytes, string? defaultDomainConnections, string? defaultDomainPerMinute)
    {
        if (!await authorization.AuthorizeAsync(User, NoticesPermission.SendNotices)) return Forbid();
        Current = await settingsService.GetAsync(HttpContext.RequestAborted);
        foreach (var (field, value) in new[] { ("Connections", connections), ("ClaimSize", claimSize), ("RatePerMinute", ratePerMinute), ("MaxAttempts", maxAttempts),
            ("BackoffBaseSeconds", backoffBaseSeconds), ("AttachmentLinksAboveMegabytes", attachmentLinksAboveMegabytes),
            ("DefaultDomainConnections", defaultDomainConnections), ("DefaultDomainPerMinute", defaultDomainPerMinute) })
            if (value is not null) Typed[field] = value;
        Domains = Domains.Where(d => !d.Remove).Append(new DomainLimitInput()).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? connections, string? claimSize, string? ratePerMinute, string? maxAttempts, string? backoffBaseSeconds,
        string? attachmentLinksAboveMegabytes, string? domainLimitsShown, string? defaultDomainConnections, string? defaultDomainPerMinute)
    {
        if (!await authorization.AuthorizeAsync(User, NoticesPermission.SendNotices)) return Forbid();
        var stored = await settingsService.GetAsync(HttpContext.RequestAborted);
        var updated = new DeliverySettings
        {
            Connections = Read(nameof(DeliverySettings.Connections), connections, DeliverySettings.MinConnections, DeliverySettings.MaxConnections,
                "The number of connections must be a whole number from {0} to {1}."),
            ClaimSize = Read(nameof(DeliverySettings.ClaimSize), claimSize, DeliverySettings.MinClaimSize, DeliverySettings.MaxClaimSize,
                "The number of messages per round must be a whole number from {0} to {1}."),
            RatePerMinute = Read(nameof(DeliverySettings.RatePerMinute), ratePerMinute, 0, DeliverySettings.MaxRatePerMinute,
                "The rate limit must be a whole number from {0} to {1} messages per minute (0 means no limit)."),
            MaxAttempts = Read(nameof(DeliverySettings.MaxAttempts), maxAttempts, DeliverySettings.MinMaxAttempts, DeliverySettings.MaxMaxAttempts,
                "The number of attempts must be a whole number from {0} to {1}."),
            BackoffBaseSeconds = Read(nameof(DeliverySettings.BackoffBaseSeconds), backoffBaseSeconds, DeliverySettings.MinBackoffSeconds, DeliverySettings.MaxBackoffSeconds,
                "The first wait before a retry must be a whole number of seconds from {0} to {1}."),
            // A form without the field (an older page) keeps the stored size.
            AttachmentLinksAboveMegabytes = attachmentLinksAboveMegabytes is null ? stored.AttachmentLinksAboveMegabytes
                : Read(nameof(DeliverySettings.AttachmentLinksAboveMegabytes), attachmentLinksAboveMegabytes, 0, DeliverySettings.MaxAttachmentLinksAboveMegabytes,
                    "The size above which files go as links must be a whole number of megabytes from {0} to {1}."),
        };
        // A form without the domain table (an older page, a script) keeps the stored per-domain limits.
        if (domainLimitsShown is null)
        {
            updated.DomainLimits = stored.DomainLimits;
            updated.DefaultDomainConnections = stored.DefaultDomainConnections;
            updated.DefaultDomainPerMinute = stored.DefaultDomainPerMinute;
        }
        else
        {
            updated.DefaultDomainConnections = Read(nameof(DeliverySettings.DefaultDomainConnections), defaultDomainConnections, 0, DomainLimit.MaxConnections,
                "The default number of connections per domain must be a whole number from {0} to {1} (0 means no limit).", blankIsZero: true);
            updated.DefaultDomainPerMinute = Read(nameof(DeliverySettings.DefaultDomainPerMinute), defaultDomainPerMinute, 0, DomainLimit.MaxPerMinute,
                "The default number of messages per minute per domain must be a whole number from {0} to {1} (0 means no limit).", blankIsZero: true);
            updated.DomainLimits = ReadDomains();
        }
        if (Errors.Count > 0)
        {
            Current = updated;
            if (domainLimitsShown is null) Domains = stored.DomainLimits.Select(DomainLimitInput.From).Append(new DomainLimitInput()).ToList();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await settingsService.SaveAsync(updated, HttpContext.RequestAborted);
        TempData["Message"] = D["Delivery settings saved."].Value;
        return Redirect("/admin/notices/delivery-settings");
    }

    /// <summary>
    /// The domain table: blank rows and ticked ones are left out; each other row needs a host name not listed
    /// before and numbers in range, at least one of them above 0. Errors go to the field and the summary.
    /// </summary>
    private List<DomainLimit> ReadDomains()
    {
        var limits = new List<DomainLimit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Domains.Count; i++)
        {
            var row = Domains[i];
            if (row.Remove || row.IsBlank) continue;
            var key = $"Domains[{i}].";
            var domain = DomainNames.Normalise(row.Domain);
            if (string.IsNullOrWhiteSpace(row.Domain)) FieldError(key + "Domain", D["Enter the domain name (for example: hanoi.edu.vn)."]);
            else if (domain is null) FieldError(key + "Domain", D["“{0}” is not a valid domain name (for example: hanoi.edu.vn).", row.Domain.Trim()]);
            else if (!seen.Add(domain)) FieldError(key + "Domain", D["The domain {0} is listed more than once.", domain]);
            var connections = Number(key + "Connections", row.Connections, DomainLimit.MaxConnections,
                "The number of connections must be a whole number from {0} to {1} (0 means no limit).");
            var perMinute = Number(key + "PerMinute", row.PerMinute, DomainLimit.MaxPerMinute,
                "The number of messages per minute must be a whole number from {0} to {1} (0 means no limit).");
            if (connections == 0 && perMinute == 0 && ErrorFor(key + "Connections") is null && ErrorFor(key + "PerMinute") is null)
                FieldError(key + "Connections", D["Give this domain at least one limit: connections or messages per minute."]);
            if (domain is not null) limits.Add(new DomainLimit { Domain = domain, Connections = connections ?? 0, PerMinute = perMinute ?? 0 });
        }
        return limits;

        int? Number(string field, string? value, int max, string message)
        {
            if (string.IsNullOrWhiteSpace(value)) return 0;
            if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max) return n;
            FieldError(field, D[message, 0, max]);
            return null;
        }
    }

    private void FieldError(string field, string message)
    {
        FieldErrors[field] = message;
        Errors.Add(message);
    }

    private int Read(string field, string? value, int min, int max, string message, bool blankIsZero = false)
    {
        Typed[field] = value;
        if (blankIsZero && string.IsNullOrWhiteSpace(value)) return 0;
        if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        Errors.Add(D[message, min, max]);
        return 0;
    }

    /// <summary>The value to show in a field: what was typed when refused, otherwise the stored one.</summary>
    public string ValueOf(string field, int stored) =>
        Typed.TryGetValue(field, out var typed) ? typed ?? "" : stored.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One row of the domain table as typed (strings, so a refused value is shown back as it was).</summary>
public sealed class DomainLimitInput
{
    public string? Domain { get; set; }
    public string? Connections { get; set; }
    public string? PerMinute { get; set; }
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Domain) && string.IsNullOrWhiteSpace(Connections) && string.IsNullOrWhiteSpace(PerMinute);

    public static DomainLimitInput From(DomainLimit limit) => new()
    {
        Domain = limit.Domain,
        Connections = limit.Connections.ToString(CultureInfo.InvariantCulture),
        PerMinute = limit.PerMinute.ToString(CultureInfo.InvariantCulture),
    };
}
