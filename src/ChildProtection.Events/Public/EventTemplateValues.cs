using ChildProtection.Core.Settings;
using ChildProtection.Events.Parts;
using ChildProtection.Themes.Rendering;

namespace ChildProtection.Events.Public;

/// <summary>
/// What the theme's content templates (<c>Content-Event.liquid</c>, <c>Content-Event.Summary.liquid</c>) read of
/// an event beside <c>Model</c>: its kind and time in Vietnamese, the place and the programme. Used where an event
/// is rendered as content rather than by the schedule's own pages: a draft's preview, a list of mixed items.
/// </summary>
internal sealed class EventTemplateValues : IContentTemplateValues
{
    public Task AddAsync(ContentTemplateContext context)
    {
        if (context.Item.ContentType != EventData.TypeName) return Task.CompletedTask;
        var data = EventData.From(context.Item);
        var time = new SiteTime(context.Scope.TimeZone);
        context.Values["Event"] = new Dictionary<string, object?>
        {
            ["Kind"] = data.KindText,
            ["When"] = data.StartUtc == DateTime.MinValue ? null : EventTimes.Describe(data.StartUtc, data.EndUtc, time),
            ["Venue"] = data.Venue,
            ["Address"] = data.Address,
            ["MapUrl"] = data.MapLink,
            ["Organiser"] = data.Organiser,
            ["Cancelled"] = data.Cancelled,
            ["CancellationReason"] = data.CancellationReason,
            ["Report"] = data.Report,
            ["Agenda"] = data.Agenda.Select(a => (object?)new Dictionary<string, object?> { ["Time"] = a.Time, ["Item"] = a.Item, ["Speaker"] = a.Speaker }).ToList(),
        };
        return Task.CompletedTask;
    }
}
