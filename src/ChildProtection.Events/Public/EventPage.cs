using ChildProtection.Themes.Public;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;
using ChildProtection.Events.Voices;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Events.Public;

/// <summary>
/// An event's page (<c>/su-kien/{slug}</c>, theme template <c>Event</c>): when and where, the map link, the
/// programme, the registration form and the waiting list, children's questions before a forum with the
/// published answers, and afterwards the report and photos. The forms post to the event's own address
/// (<c>…/dang-ky</c>, <c>…/y-kien</c>); a mistake shows the page again with the message beside the field and
/// what was typed kept; nothing is written until everything is right.
/// </summary>
internal static class EventPage
{
    public const string Template = "Event";

    /// <summary>What the page shows besides the event: the forms' values and messages after a post.</summary>
    internal sealed class FormState
    {
        public Dictionary<string, string?> Registration { get; } = new();
        public Dictionary<string, string> RegistrationErrors { get; } = new();
        public string? RegistrationRefusal { get; set; }
        /// <summary>A post not used because its antiforgery token was missing or stale: "press the button once more".</summary>
        public string? RegistrationConfirm { get; set; }
        public Dictionary<string, string?> Voice { get; } = new();
        public Dictionary<string, string> VoiceErrors { get; } = new();
        public string? VoiceMessage { get; set; }
        public string? VoiceConfirm { get; set; }
        public bool VoiceSent { get; set; }
    }

    /// <summary>The published event at <paramref name="path"/> (su-kien/…), or an answer already written (301, 404).</summary>
    internal static async Task<ContentItem?> FindAsync(HttpContext http, ThemedPage page, string path, string? suffix = null)
    {
        var contents = http.RequestServices.GetRequiredService<IContentManager>();
        var item = await contents.GetPublishedByPathAsync(path, http.RequestAborted);
        if (item is not null && item.ContentType == EventData.TypeName) return item;
        if (item is null && await contents.FindRedirectAsync(path, http.RequestAborted) is { } moved && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            http.Response.Headers.Location = "/" + moved + (suffix is null ? "" : "/" + suffix) + http.Request.QueryString;
            return null;
        }
        await page.NotFoundAsync();
        return null;
    }

    /// <summary>
    /// A cached event page must not outlive the moment its forms open or close or the event starts or ends: the
    /// clock alone changes what it shows then, and nothing evicts it (a registration form open for five minutes
    /// past its deadline invites registrations that are then refused).
    /// </summary>
    private static void ExpireAtNextChange(IServiceProvider services, EventEntry entry, DateTime now)
    {
        DateTime?[] moments = [entry.RegistrationOpensUtc, entry.RegistrationClosesUtc, entry.StartUtc, entry.EndUtc];
        var next = moments.Where(m => m > now).Min();
        if (next is { } moment) services.GetRequiredService<ChildProtection.Core.Caching.PageCacheTags>().ExpireAt(new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc)));
    }

    public static async Task ShowAsync(HttpContext http, string path, FormState? state = null, int status = StatusCodes.Status200OK)
    {
        var page = await ThemedPage.BeginAsync(http);
        var item = await FindAsync(http, page, path);
        if (item is null) return;
        await RenderAsync(http, page, item, state ?? new FormState(), status);
    }

    private static async Task RenderAsync(HttpContext http, ThemedPage page, ContentItem item, FormState state, int status)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var db = services.GetRequiredService<EventsDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var T = services.GetRequiredService<IStringLocalizer<EventsText>>();
        var data = EventData.From(item);
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == item.ContentItemId, ct);
        if (entry is null)
        {
            // Published a moment ago and not yet indexed (or indexed by another node): index it now.
            var change = await services.GetRequiredService<Indexing.EventIndex>().UpsertAsync(item, ct);
            entry = change.Entry;
        }
        var view = EventViews.Summary(entry, page.Time, now);
        var contents = services.GetRequiredService<IContentManager>();

        var campaigns = new List<object?>();
        foreach (var id in data.CampaignIds)
        {
            if (await contents.GetAsync(id, VersionOptions.Published, ct) is not { } campaign) continue;
            campaigns.Add(new Dictionary<string, object?>
            {
                ["Title"] = campaign.DisplayText,
                ["Url"] = string.IsNullOrEmpty(campaign.Path) ? null : "/" + campaign.Path,
                ["EventsUrl"] = $"{EventRoutes.List}?chien-dich={Uri.EscapeDataString(id)}",
            });
        }
        view["Address"] = data.Address;
        view["MapUrl"] = data.MapLink;
        view["Organiser"] = data.Organiser;
        view["Audiences"] = data.Audiences.Select(a => (object?)EventVocabulary.AudienceText(a)).ToList();
        view["Agenda"] = data.Agenda.Select(a => (object?)new Dictionary<string, object?> { ["Time"] = a.Time, ["Item"] = a.Item, ["Speaker"] = a.Speaker }).ToList();
        view["Campaigns"] = campaigns;
        view["CancellationReason"] = data.CancellationReason;
        view["BodyHtml"] = item.Get<string>("BodyPart", "Html");
        view["Report"] = data.Report;
        view["Photos"] = Photos(item);
        view["WardUrl"] = entry.WardCode is null ? null : $"{EventRoutes.List}?phuong={Uri.EscapeDataString(entry.WardCode)}";
        view["WardFeedUrl"] = entry.WardCode is null ? null : EventRoutes.WardFeed(entry.WardCode);
        view["IsForum"] = data.Kind == EventVocabulary.Forum;

        ExpireAtNextChange(services, entry, now);
        var refusal = RegistrationDesk.Refuse(entry, now);
        if (refusal is null && state.Registration.Count == 0 && http.User.Identity?.IsAuthenticated == true)
        {
            // A school's or ward's account fills in what the site knows: the organisation it speaks for and its e-mail.
            var organisationId = SiteClaims.OrganisationOf(http.User);
            if (organisationId > 0 && services.GetService<ChildProtection.Organisations.IRecipientDirectory>() is { } directory
                && await directory.GetOrganisationAsync(organisationId, ct) is { } organisation)
                state.Registration["Organisation"] = organisation.Name;
            if (http.User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value is { Length: > 0 } email) state.Registration["Email"] = email;
        }
        // No token in a page served to everyone (it is output-cached; public-forms.js fetches a token when the form
        // is used); an answer to a post is never shared, so it carries one inline and the next press works without JavaScript.
        var antiforgery = refusal is null || data.AreVoicesOpen(now) ? page.FormProtection(withToken: HttpMethods.IsPost(http.Request.Method)) : null;
        var registration = new Dictionary<string, object?>
        {
            ["Enabled"] = data.RegistrationEnabled,
            ["Open"] = refusal is null,
            ["Closed"] = refusal is { } r ? Say(T, r, page.Time) : null,
            ["Refusal"] = state.RegistrationRefusal,
            ["Confirm"] = state.RegistrationConfirm,
            ["Action"] = EventRoutes.Register(item.Path!),
            ["Deadline"] = page.Time.Format(entry.RegistrationClosesUtc ?? entry.StartUtc),
            ["Opens"] = entry.RegistrationOpensUtc is { } o && o > now ? page.Time.Format(o) : null,
            ["Capacity"] = entry.Capacity,
            ["SeatsLeft"] = entry.SeatsLeft,
            ["Full"] = entry.SeatsLeft == 0,
            ["Values"] = state.Registration.ToDictionary(k => k.Key, k => (object?)k.Value),
            ["Errors"] = state.RegistrationErrors.ToDictionary(k => k.Key, k => (object?)k.Value),
            ["HasErrors"] = state.RegistrationErrors.Count > 0 || state.RegistrationRefusal is not null,
        };
        var published = await db.Voices.AsNoTracking()
            .Where(v => v.EventId == item.ContentItemId && v.Status == VoiceStatus.Published)
            .OrderBy(v => v.Id).Take(200).ToListAsync(ct);
        var voices = new Dictionary<string, object?>
        {
            ["Open"] = data.AreVoicesOpen(now),
            ["Enabled"] = data.VoicesEnabled,
            ["Action"] = EventRoutes.Voices(item.Path!),
            ["Values"] = state.Voice.ToDictionary(k => k.Key, k => (object?)k.Value),
            ["Errors"] = state.VoiceErrors.ToDictionary(k => k.Key, k => (object?)k.Value),
            ["HasErrors"] = state.VoiceErrors.Count > 0,
            ["Message"] = state.VoiceMessage,
            ["Confirm"] = state.VoiceConfirm,
            ["Sent"] = state.VoiceSent || http.Request.Query.ContainsKey("da-gui"),
            ["Items"] = published.Select(v => (object?)new Dictionary<string, object?>
            {
                ["Kind"] = v.Kind == "opinion" ? "Ý kiến" : "Câu hỏi",
                ["Text"] = v.Text,
                ["Author"] = Author(v),
                ["Answer"] = v.Answer,
            }).ToList(),
        };
        var values = new Dictionary<string, object?>
        {
            ["JsonLd"] = JsonLd(item, data, entry, page),
            ["Model"] = item,
            ["Event"] = view,
            ["Registration"] = registration,
            ["Voices"] = voices,
            ["Antiforgery"] = antiforgery,
            ["ScheduleUrl"] = EventRoutes.List,
            ["PastUrl"] = EventRoutes.Past,
            ["PageUrl"] = page.BaseUrl + "/" + item.Path,
        };
        var seo = PageViewsFor(item, page, data);
        var pageView = new PageView
        {
            Title = seo.Title, MetaDescription = seo.MetaDescription, ImageUrl = seo.ImageUrl, Canonical = seo.Canonical,
            NoIndex = seo.NoIndex, Path = EventRoutes.List, StatusCode = status,
        };
        await page.WriteAsync(Template, values, pageView, $"<h1>{Themes.Liquid.HtmlOutput.Encoder.Encode(item.DisplayText)}</h1>", item);
    }

    private static PageView PageViewsFor(ContentItem item, ThemedPage page, EventData data)
    {
        var view = Themes.Public.PageViews.ForItem(item, page.Scope.Site, "/" + item.Path, false);
        var photo = Photos(item).FirstOrDefault() as Dictionary<string, object?>;
        return photo?["Url"] is string url && view.ImageUrl is null
            ? new PageView { Title = view.Title, MetaDescription = view.MetaDescription, ImageUrl = page.BaseUrl + url, Canonical = view.Canonical, NoIndex = view.NoIndex }
            : view;
    }

    /// <summary>
    /// schema.org Event for search engines: name, times with the zone's offset, place, organiser, status. Written
    /// with the default JSON encoder, which escapes &lt; &gt; &amp;, so no text of the event can close the script element.
    /// </summary>
    private static string JsonLd(ContentItem item, EventData data, EventEntry entry, ThemedPage page)
    {
        string Iso(DateTime utc) => new DateTimeOffset(page.Time.ToLocal(utc), page.Time.Zone.GetUtcOffset(utc)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var photo = Photos(item).FirstOrDefault() as Dictionary<string, object?>;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = item.DisplayText,
            ["startDate"] = Iso(entry.StartUtc),
            ["endDate"] = Iso(entry.EndUtc),
            ["eventStatus"] = data.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["url"] = page.BaseUrl + "/" + item.Path,
            ["inLanguage"] = "vi",
        };
        if (item.Get<string>("SummaryPart", "Summary") is { Length: > 0 } summary) json["description"] = summary;
        if (data.Venue is not null)
            json["location"] = new JsonObject { ["@type"] = "Place", ["name"] = data.Venue, ["address"] = data.Address ?? entry.WardName ?? data.Venue };
        if (data.Organiser is not null) json["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = data.Organiser };
        if (photo?["Url"] is string url) json["image"] = page.BaseUrl + url;
        return json.ToJsonString();
    }

    /// <summary>A first name, an age and a school, only as far as the child gave them: "Lan, 12 tuổi, Trường THCS Phú Hoà".</summary>
    internal static string? Author(ForumVoice v)
    {
        var parts = new List<string>();
        if (v.FirstName is not null) parts.Add(v.FirstName);
        if (v.Age is not null) parts.Add($"{v.Age} tuổi");
        if (v.School is not null) parts.Add(v.School);
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>The photos chosen in the event's media field, as the media field described them.</summary>
    internal static List<object?> Photos(ContentItem item)
    {
        var list = new List<object?>();
        if (EventData.Photos(item) is not { } files) return list;
        foreach (var node in files)
        {
            if (node is not JsonObject o || Str(o["Url"]) is not { } url) continue;
            list.Add(new Dictionary<string, object?>
            {
                ["Url"] = url,
                ["CardUrl"] = Str(o["CardUrl"]) ?? url,
                ["SrcSet"] = Str(o["SrcSet"]),
                ["Alt"] = Str(o["Alt"]) ?? "",
                ["Caption"] = Str(o["Caption"]),
                ["Width"] = o["Width"]?.GetValueKind() == JsonValueKind.Number ? o["Width"]!.GetValue<int>() : null,
                ["Height"] = o["Height"]?.GetValueKind() == JsonValueKind.Number ? o["Height"]!.GetValue<int>() : null,
            });
        }
        return list;
    }

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    /// <summary>A message with its values, times shown in the site's zone.</summary>
    internal static string Say(IStringLocalizer T, (string Key, object[] Args) message, SiteTime time) =>
        T[message.Key, message.Args.Select(a => a is DateTime d ? time.Format(d) : a).ToArray()].Value;

    private static readonly string[] RegistrationFields = ["Organisation", "ContactName", "Email", "Phone", "Participants"];
    private static readonly string[] VoiceFields = ["Kind", "Text", "FirstName", "Age", "School"];

    public static async Task RegisterAsync(HttpContext http, string path)
    {
        var page = await ThemedPage.BeginAsync(http);
        var item = await FindAsync(http, page, path);
        if (item is null) return;
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<EventsText>>();
        var state = new FormState();
        var check = await PublicForms.CheckAsync(http);
        if (check != PublicFormCheck.Valid)
        {
            // Nothing is read into the desk or counted against the address: the same form comes back, filled in, with a token.
            var typed = await PublicForms.TypedValuesAsync(http, check);
            foreach (var key in RegistrationFields) if (typed[key].FirstOrDefault() is { Length: <= 1000 } v) state.Registration[key] = v;
            state.RegistrationConfirm = PublicForms.Explain(http, check, T["Register"]);
            await RenderAsync(http, page, item, state, PublicForms.StatusFor(check));
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await http.RequestServices.GetRequiredService<RegistrationLimiter>().TryAcquireAsync(client, item.ContentItemId, http.RequestAborted))
        {
            state.RegistrationRefusal = T["Many registrations were sent from here for this event in a short time. Please wait and try again, or write to the organiser."];
            http.Response.Headers.RetryAfter = "3600";
            await RenderAsync(http, page, item, state, StatusCodes.Status429TooManyRequests);
            return;
        }
        foreach (var key in RegistrationFields)
            state.Registration[key] = form[key].FirstOrDefault() is { } v && v.Length <= 1000 ? v : null;
        var request = new RegistrationRequest(state.Registration["Organisation"], state.Registration["ContactName"], state.Registration["Email"],
            state.Registration["Phone"], state.Registration["Participants"]);
        var outcome = await http.RequestServices.GetRequiredService<RegistrationDesk>().RegisterAsync(item.ContentItemId, request, page.BaseUrl, http.RequestAborted);
        if (outcome.Succeeded)
        {
            var token = http.RequestServices.GetRequiredService<RegistrationTokens>().Create(outcome.Registration!.Id);
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = EventRoutes.Manage(token) + "?moi=1";
            return;
        }
        foreach (var (field, message) in outcome.FieldErrors) state.RegistrationErrors[field] = Say(T, message, page.Time);
        if (outcome.Refusal is { } refusal) state.RegistrationRefusal = Say(T, refusal, page.Time);
        await RenderAsync(http, page, item, state, StatusCodes.Status422UnprocessableEntity);
    }

    public static async Task VoicesAsync(HttpContext http, string path)
    {
        var page = await ThemedPage.BeginAsync(http);
        var item = await FindAsync(http, page, path);
        if (item is null) return;
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<EventsText>>();
        var state = new FormState();
        var check = await PublicForms.CheckAsync(http);
        if (check != PublicFormCheck.Valid)
        {
            var typed = await PublicForms.TypedValuesAsync(http, check);
            foreach (var key in VoiceFields) if (typed[key].FirstOrDefault() is { Length: <= 5000 } v) state.Voice[key] = v;
            state.VoiceConfirm = PublicForms.Explain(http, check, T["Send"]);
            await RenderAsync(http, page, item, state, PublicForms.StatusFor(check));
            return;
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        foreach (var key in VoiceFields)
            state.Voice[key] = form[key].FirstOrDefault() is { } v && v.Length <= 5000 ? v : null;
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == item.ContentItemId, http.RequestAborted);
        if (entry is null) { await RenderAsync(http, page, item, state, StatusCodes.Status409Conflict); return; }
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (result, errors) = await http.RequestServices.GetRequiredService<VoiceDesk>().SubmitAsync(entry,
            new VoiceRequest(state.Voice["Kind"], state.Voice["Text"], state.Voice["FirstName"], state.Voice["Age"], state.Voice["School"], form["website"].FirstOrDefault()),
            client, http.RequestAborted);
        switch (result)
        {
            case VoiceResult.Accepted or VoiceResult.Trapped:
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = EventRoutes.Event(item.Path!) + "?da-gui=1#y-kien";
                return;
            case VoiceResult.Closed:
                state.VoiceMessage = T["Questions for this event are no longer taken."];
                await RenderAsync(http, page, item, state, StatusCodes.Status409Conflict);
                return;
            case VoiceResult.TooMany:
                state.VoiceMessage = T["Many questions were sent from here in a short time. Please wait a few minutes and send again."];
                http.Response.Headers.RetryAfter = "600";
                await RenderAsync(http, page, item, state, StatusCodes.Status429TooManyRequests);
                return;
            default:
                foreach (var (field, message) in errors) state.VoiceErrors[field] = Say(T, message, page.Time);
                await RenderAsync(http, page, item, state, StatusCodes.Status422UnprocessableEntity);
                return;
        }
    }
}
