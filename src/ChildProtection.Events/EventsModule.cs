using ChildProtection.Themes.Public;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Security;
using ChildProtection.Events.Calendar;
using ChildProtection.Events.Data;
using ChildProtection.Events.Indexing;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Public;
using ChildProtection.Events.Registration;
using ChildProtection.Events.Voices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Events;

/// <summary>
/// Forum and training schedules: the Event part, the public schedule, month calendar and event pages in the
/// theme, iCalendar files and feeds, registrations with capacity and a waiting list (their e-mails sent by a
/// background job through the Mail module), children's questions before forums, and the admin's
/// registrations, attendee export and moderation queue. Implements <see cref="IEventCatalog"/> for other modules.
/// </summary>
public sealed class EventsModule : IModule
{
    public string Name => "Events";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<EventsDbContext, SqliteEventsDbContext, PostgresEventsDbContext>("Events");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IContentPartHandler, EventPart>();
        services.AddScoped<EventIndex>();
        services.AddScoped<IContentEventHandler, EventContentEvents>();
        services.AddPublishedIndex<EventPublishedIndex>();
        services.AddScoped<IEventCatalog, EventCatalogService>();
        services.AddSingleton<ChildProtection.Themes.Rendering.IContentTemplateValues, EventTemplateValues>();
        services.AddSingleton<RegistrationTokens>();
        services.AddSingleton<EventMailQueue>();
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<EventMailJob>();
        services.AddHostedService<EventMailSchedule>();
        services.AddSingleton<VoiceLimiter>();
        services.AddSingleton<RegistrationLimiter>();
        services.AddScoped<VoiceDesk>();
        services.AddScoped<Admin.AttendeeExport>();
        services.AddSingleton<IPermissionProvider, EventsPermissionProvider>();
        services.AddSingleton<IAdminMenuProvider, EventsMenu>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        string[] read = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(EventRoutes.List, read, (HttpContext http) =>
        {
            http.RequestServices.GetRequiredService<PageCacheTags>().AddType(EventData.TypeName);
            return SchedulePages.UpcomingAsync(http);
        }).WithDisplayName("Event schedule").CacheAsPublicPage();
        endpoints.MapMethods(EventRoutes.List + "/{**rest}", read, (HttpContext http, string? rest) => ReadAsync(http, rest ?? ""))
            .WithDisplayName("Event schedule pages").CacheAsPublicPage();
        endpoints.MapPost(EventRoutes.List + "/{**rest}", (HttpContext http, string? rest) => PostAsync(http, rest ?? ""))
            .WithDisplayName("Event registration and questions").DisableAntiforgery();
    }

    private static Task ReadAsync(HttpContext http, string rest)
    {
        var segments = rest.Trim('/').Split('/');
        var tags = http.RequestServices.GetRequiredService<PageCacheTags>();
        // Schedule pages, calendars and feeds read the events index (seats left included): any event's
        // publication or a registration evicts them (so "places left" on a cached event page is fresh after
        // every registration, cancellation and move up). A registrant's own page is personal: never cached.
        // An event page with an open form is cached like the rest: its HTML carries no antiforgery token
        // (PublicForms: the script fetches one when the form is used; a post without one gets the form back to confirm).
        if (segments is [EventRoutes.ManageSegment, _]) tags.DoNotCache();
        else tags.AddType(EventData.TypeName);
        return segments switch
        {
            [EventRoutes.CalendarSegment] => SchedulePages.CalendarAsync(http),
            [EventRoutes.PastSegment] => SchedulePages.PastAsync(http),
            [EventRoutes.FeedSegment, ..] => CalendarFiles.FeedAsync(http, string.Join('/', segments[1..])),
            [EventRoutes.ManageSegment, var token] => ManagePage.ShowAsync(http, token),
            [var slug, EventRoutes.IcsSegment] => CalendarFiles.EventAsync(http, $"{EventRoutes.Prefix}/{slug}"),
            [var slug, EventRoutes.RegisterSegment or EventRoutes.VoicesSegment] => Redirect(http, $"{EventRoutes.List}/{slug}"),
            [var slug] when slug.Length > 0 => EventPage.ShowAsync(http, $"{EventRoutes.Prefix}/{slug}"),
            _ => ThemedPage.NotFoundAsync(http),
        };
    }

    private static Task PostAsync(HttpContext http, string rest)
    {
        var segments = rest.Trim('/').Split('/');
        return segments switch
        {
            [EventRoutes.ManageSegment, var token] => ManagePage.CancelAsync(http, token),
            [var slug, EventRoutes.RegisterSegment] => EventPage.RegisterAsync(http, $"{EventRoutes.Prefix}/{slug}"),
            [var slug, EventRoutes.VoicesSegment] => EventPage.VoicesAsync(http, $"{EventRoutes.Prefix}/{slug}"),
            _ => ThemedPage.NotFoundAsync(http),
        };
    }

    private static Task Redirect(HttpContext http, string url)
    {
        http.Response.StatusCode = StatusCodes.Status302Found;
        http.Response.Headers.Location = url;
        return Task.CompletedTask;
    }
}

internal sealed class EventsMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Events and registrations", "/admin/events", EventsPermissions.ManageRegistrations.Name, 22),
        new("Children's questions", "/admin/events/voices", EventsPermissions.ModerateVoices.Name, 23),
    ];
}
