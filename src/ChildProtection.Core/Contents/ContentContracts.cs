using ChildProtection.Core.Parts;

namespace ChildProtection.Core.Contents;

public enum VersionKind { Latest, Published, Version }

public sealed record VersionOptions(VersionKind Kind, string? VersionId = null)
{
    public static readonly VersionOptions Latest = new(VersionKind.Latest);
    public static readonly VersionOptions Published = new(VersionKind.Published);
    public static VersionOptions ForVersion(string versionId) => new(VersionKind.Version, versionId);
}

public sealed class SaveOptions
{
    public bool Publish { get; init; }
    /// <summary>The user name recorded as owner (new items) and author (every version).</summary>
    public string? User { get; init; }
    /// <summary>The version the editor started from; a different latest version means someone else saved meanwhile.</summary>
    public string? ExpectedLatestVersionId { get; init; }
    /// <summary>Recipes: when the normalised document equals the latest version (and publication matches), write nothing.</summary>
    public bool SkipIfUnchanged { get; init; }
    /// <summary>Recipes and imports: keep the item's own CreatedUtc and PublishedUtc (a news archive keeps its dates).</summary>
    public bool KeepDates { get; init; }
    /// <summary>What the activity record calls this save when it is more than an edit (a restored version).</summary>
    internal string? Activity { get; init; }
    internal string? ActivityDetail { get; init; }
}

public sealed class ContentResult
{
    public bool Succeeded => Errors.Count == 0;
    public bool Unchanged { get; init; }
    public ContentItem? Item { get; init; }
    public List<ContentValidationError> Errors { get; init; } = [];

    /// <summary>The refusal of a write that raced another one (reload and try again), as opposed to a rule's refusal.</summary>
    public const string ConflictMessage = "Someone else changed this item at the same time. Reload it and try again.";

    public static ContentResult Fail(string path, string message, params object[] args) => new() { Errors = [new(path, message, args)] };
}

/// <summary>How an item stands, as the admin list shows it.</summary>
public enum ContentStatus { Draft, Published, PublishedWithDraft }

public enum ContentStatusFilter { All, Draft, Published }

public sealed class ContentListQuery
{
    public string? ContentType { get; init; }
    /// <summary>When set, only these types (the ones the user may see in lists).</summary>
    public IReadOnlyCollection<string>? ContentTypes { get; init; }
    public ContentStatusFilter Status { get; init; }
    public string? Search { get; init; }
    public bool Removed { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

public sealed record ContentListEntry(
    string ContentItemId, string ContentItemVersionId, string ContentType, string DisplayText, string? Path,
    ContentStatus Status, string? Owner, string? Author, DateTime CreatedUtc, DateTime ModifiedUtc, DateTime? PublishedUtc, int Number);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize)
{
    public int PageCount => PageSize <= 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>The names of <see cref="ContentActivity.Action"/>: what a person (or a job) did to an item.</summary>
public static class ContentActivities
{
    public const string Created = "Created";
    public const string Edited = "Edited";
    public const string Published = "Published";
    public const string Unpublished = "Unpublished";
    public const string Removed = "Removed";
    public const string RestoredFromBin = "RestoredFromBin";
    public const string VersionRestored = "VersionRestored";
}

/// <summary>Who did what to which item, raised after the change is committed (the audit trail records it).</summary>
public sealed record ContentActivity(string Action, ContentItem Item, string? User, string? Detail = null);

/// <summary>
/// Asked before a version becomes the published one, by every way of publishing (a save that publishes, a
/// publish, an approval or a scheduled publication, a recipe): an error added here refuses the publication
/// and nothing is written. For rules about what an item refers to rather than its own values (an image
/// that may be shown only with a consent record), which a part's validation cannot know about. The
/// message is an English resource key of CoreText, as validation messages are.
/// </summary>
public interface IPublicationCheck
{
    Task CheckAsync(ContentItem item, List<ContentValidationError> errors, CancellationToken cancellationToken);
}

/// <summary>
/// Reacts to publication changes: search indexing, cache invalidation, notices. Runs after the change
/// is committed; a failing handler is logged and does not undo the change.
/// </summary>
public interface IContentEventHandler
{
    Task PublishedAsync(ContentItem item) => Task.CompletedTask;
    Task UnpublishedAsync(ContentItem item) => Task.CompletedTask;
    Task RemovedAsync(ContentItem item) => Task.CompletedTask;
    Task SavedAsync(ContentItem item) => Task.CompletedTask;
    /// <summary>Every write with the user who made it: created, edited, published, unpublished, removed, restored.</summary>
    Task ActivityAsync(ContentActivity activity) => Task.CompletedTask;
}

public interface IContentManager
{
    Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default);
    Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default);
    Task<ContentItem?> GetPublishedByPathAsync(string path, CancellationToken cancellationToken = default);
    /// <summary>The current path of the item that used to live at <paramref name="oldPath"/>, if it is published.</summary>
    Task<string?> FindRedirectAsync(string oldPath, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ContentItem>> ListLatestOfTypeAsync(string contentType, CancellationToken cancellationToken = default);
    Task<PagedResult<ContentItem>> ListPublishedAsync(string? contentType, int page, int pageSize, CancellationToken cancellationToken = default);
    Task<PagedResult<ContentListEntry>> ListAsync(ContentListQuery query, CancellationToken cancellationToken = default);
    Task<ContentStatus?> GetStatusAsync(string contentItemId, CancellationToken cancellationToken = default);
    /// <summary>Items (not in the bin) and how many of them have a published version, per type, in one query.</summary>
    Task<IReadOnlyDictionary<string, (int Total, int Published)>> CountByTypeAsync(CancellationToken cancellationToken = default);

    /// <summary>Validates and normalises without writing.</summary>
    Task<ContentResult> ValidateAsync(ContentItem item, CancellationToken cancellationToken = default);
    Task<ContentResult> SaveAsync(ContentItem item, SaveOptions options, CancellationToken cancellationToken = default);
    Task<ContentResult> PublishAsync(string contentItemId, string? user, CancellationToken cancellationToken = default);
    Task<bool> UnpublishAsync(string contentItemId, string? user, CancellationToken cancellationToken = default);
    Task<bool> RemoveAsync(string contentItemId, string? user, CancellationToken cancellationToken = default);
    Task<bool> RestoreRemovedAsync(string contentItemId, string? user, CancellationToken cancellationToken = default);
    Task<ContentResult> RestoreVersionAsync(string contentItemId, string versionId, string? user, CancellationToken cancellationToken = default);
}
