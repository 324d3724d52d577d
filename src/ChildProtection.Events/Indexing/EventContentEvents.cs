using ChildProtection.Core.Contents;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;

namespace ChildProtection.Events.Indexing;

/// <summary>
/// Publication changes of events reach the schedule (after the change is committed): the row is rewritten,
/// people waiting move up when seats were added, and registrants are told when the event is cancelled.
/// </summary>
internal sealed class EventContentEvents(EventIndex index, RegistrationDesk desk) : IContentEventHandler
{
    public async Task PublishedAsync(ContentItem item)
    {
        if (item.ContentType != EventData.TypeName) return;
        var change = await index.UpsertAsync(item);
        if (change.NewlyCancelled) await desk.TellEventCancelledAsync(change.Entry.ContentItemId);
        else if (change.MoreSeats) await desk.MoveUpAsync(change.Entry.ContentItemId);
    }

    public Task UnpublishedAsync(ContentItem item) =>
        item.ContentType == EventData.TypeName ? index.UnlistAsync(item.ContentItemId) : Task.CompletedTask;

    public Task RemovedAsync(ContentItem item) =>
        item.ContentType == EventData.TypeName ? index.UnlistAsync(item.ContentItemId) : Task.CompletedTask;
}
