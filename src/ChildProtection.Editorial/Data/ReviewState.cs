namespace ChildProtection.Editorial.Data;

public enum ReviewStatus
{
    /// <summary>Being written; nobody has been asked to review it.</summary>
    Draft,
    /// <summary>Waiting for a reviewer.</summary>
    Submitted,
    /// <summary>A reviewer sent it back with a comment.</summary>
    Returned,
    /// <summary>Approved and waiting for its publication time.</summary>
    Scheduled,
    Published,
    /// <summary>Taken off the site with a reason.</summary>
    Withdrawn,
}

/// <summary>Where an item stands in the review workflow: one row per item that has ever entered it.</summary>
public sealed class ReviewState
{
    public string ContentItemId { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>The title as last seen, so the queue lists without reading the items.</summary>
    public string Title { get; set; } = "";
    public string? Owner { get; set; }
    public ReviewStatus Status { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public int? SubmittedVersionNumber { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    /// <summary>The version a reviewer approved; a later edit sends the item back to draft.</summary>
    public string? ApprovedVersionId { get; set; }
    public DateTime UpdatedUtc { get; set; }
    /// <summary>Optimistic concurrency: two reviewers acting at once cannot both win.</summary>
    public int Version { get; set; }
}

public enum ReviewEventKind { Submitted, Returned, Approved, Scheduled, Published, Withdrawn, Comment, ScheduleCancelled, ScheduleSkipped, Unpublished }

/// <summary>The item's review thread: each step of the workflow, with what the person wrote.</summary>
public sealed class ReviewComment
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string Author { get; set; } = "";
    public ReviewEventKind Kind { get; set; }
    public string? Text { get; set; }
    public int? VersionNumber { get; set; }
    public DateTime AtUtc { get; set; }
}
