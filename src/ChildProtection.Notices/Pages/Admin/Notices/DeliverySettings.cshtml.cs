using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Notices.Delivery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>How hard notice delivery may push the mail server: connections, claim size, rate, retries and back-off.</summary>
public sealed class DeliverySettingsModel(DeliverySettingsService settingsService, IAuthorizationService authorization, IStringLocalizer<DeliveryText> D) : PageModel
{
    public DeliverySettings Current { get; private set; } = new();
    /// <summary>What was typed, shown back when refused.</summary>
    public Dictionary<string, string?> Typed { get; } = new();
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, NoticesPermission.SendNotices)) return Forbid();
        Current = await settingsService.GetAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? connections, string? claimSize, string? ratePerMinute, string? maxAttempts, string? backoffBaseSeconds,
        string? attachmentLinksAboveMegabytes)
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
        if (Errors.Count > 0)
        {
            Current = updated;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await settingsService.SaveAsync(updated, HttpContext.RequestAborted);
        TempData["Message"] = D["Delivery settings saved."].Value;
        return Redirect("/admin/notices/delivery-settings");
    }

    private int Read(string field, string? value, int min, int max, string message)
    {
        Typed[field] = value;
        if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        Errors.Add(D[message, min, max]);
        return 0;
    }

    /// <summary>The value to show in a field: what was typed when refused, otherwise the stored one.</summary>
    public string ValueOf(string field, int stored) =>
        Typed.TryGetValue(field, out var typed) ? typed ?? "" : stored.ToString(CultureInfo.InvariantCulture);
}
