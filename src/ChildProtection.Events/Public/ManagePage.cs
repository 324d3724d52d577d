using ChildProtection.Themes.Public;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Public;

/// <summary>
/// The registrant's own page, reached by the link in every registration e-mail (<c>/su-kien/dang-ky/{token}</c>,
/// theme template <c>EventRegistration</c>): what was registered, whether it is confirmed or where it stands on
/// the waiting list, and a button to cancel. Never indexed or cached; an altered or unknown link is a 404.
/// </summary>
internal static class ManagePage
{
    public const string Template = "EventRegistration";

    public static async Task ShowAsync(HttpContext http, string token, string? message = null, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.CacheControl = "no-store";
        var page = await ThemedPage.BeginAsync(http);
        var services = http.RequestServices;
        var id = services.GetRequiredService<RegistrationTokens>().Read(token);
        var db = services.GetRequiredService<EventsDbContext>();
        var registration = id is null ? null : await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        var entry = registration is null ? null : await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == registration.EventId, http.RequestAborted);
        if (registration is null || entry is null)
        {
            await page.NotFoundAsync();
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var position = registration.Status == RegistrationStatus.Waiting
            ? await services.GetRequiredService<RegistrationDesk>().WaitingPositionAsync(registration, http.RequestAborted) : 0;
        var canCancel = registration.Status != RegistrationStatus.Cancelled && now < entry.EndUtc;
        var values = new Dictionary<string, object?>
        {
            ["Event"] = EventViews.Summary(entry, page.Time, now),
            ["Registration"] = new Dictionary<string, object?>
            {
                ["Organisation"] = registration.Organisation,
                ["ContactName"] = registration.ContactName,
                ["Email"] = registration.Email,
                ["Phone"] = registration.Phone,
                ["Participants"] = registration.Participants,
                ["Confirmed"] = registration.Status == RegistrationStatus.Confirmed,
                ["Waiting"] = registration.Status == RegistrationStatus.Waiting,
                ["Cancelled"] = registration.Status == RegistrationStatus.Cancelled,
                ["Position"] = position,
                ["Created"] = page.Time.Format(registration.CreatedUtc),
                ["CancelledAt"] = page.Time.Format(registration.CancelledUtc),
                ["CanCancel"] = canCancel,
                ["Action"] = EventRoutes.Manage(token),
            },
            ["New"] = http.Request.Query.ContainsKey("moi"),
            ["Message"] = message,
            ["Antiforgery"] = canCancel ? page.Antiforgery() : null,
        };
        http.Response.Headers.CacheControl = "no-store";
        var view = new PageView
        {
            Title = $"Đăng ký: {entry.Title}",
            Canonical = page.BaseUrl + EventRoutes.Event(entry.Path),
            NoIndex = true,
            Path = EventRoutes.List,
            StatusCode = status,
        };
        await page.WriteAsync(Template, values, view, $"<h1>{Themes.Liquid.HtmlOutput.Encoder.Encode(entry.Title)}</h1>");
    }

    public static async Task CancelAsync(HttpContext http, string token)
    {
        var services = http.RequestServices;
        var id = services.GetRequiredService<RegistrationTokens>().Read(token);
        if (id is null)
        {
            await ShowAsync(http, token);
            return;
        }
        if (!http.Request.HasFormContentType || !await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await ShowAsync(http, token, "Trang đã hết hạn. Hãy bấm nút hủy một lần nữa.", StatusCodes.Status400BadRequest);
            return;
        }
        var outcome = await services.GetRequiredService<RegistrationDesk>().CancelAsync(id.Value, "registrant", http.RequestAborted);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = EventRoutes.Manage(token) + (outcome == CancelOutcome.Cancelled ? "?da-huy=1" : "");
    }
}
