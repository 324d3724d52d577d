using ChildProtection.Core.Contents;

namespace ChildProtection.Audit.Trail;

/// <summary>Records every engine write (create, edit, publish, unpublish, delete, restore) with the user who made it.</summary>
internal sealed class ContentActivityAudit(IAuditTrail trail) : IContentEventHandler
{
    public Task ActivityAsync(ContentActivity activity) =>
        trail.RecordAsync(new AuditEntry(activity.Action, activity.User)
        {
            Category = AuditCategories.Content,
            SubjectId = activity.Item.ContentItemId,
            SubjectTitle = activity.Item.DisplayText,
            Detail = activity.Action == ContentActivities.VersionRestored && activity.Detail is { } n
                ? $"v{n} → v{activity.Item.Number}"
                : activity.Action is ContentActivities.Created or ContentActivities.Edited ? $"v{activity.Item.Number}" : activity.Detail,
        });
}
