namespace ChildProtection.Events;

/// <summary>
/// Published events as other modules show them (a campaign's landing page, the home page). Implemented by
/// the Events module; a site without it has no implementation registered, so callers resolve it with
/// GetService and show no events section when it is absent.
/// </summary>
public interface IEventCatalog
{
    /// <summary>Published, not yet ended events, soonest first; cancelled ones included and flagged.</summary>
    Task<IReadOnlyList<EventSummary>> UpcomingAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>Published events that have ended, latest first (a campaign that is over still shows what it held, with reports).</summary>
    /// <remarks>Added after the first version of the contract; an implementation that keeps no history answers none.</remarks>
    Task<IReadOnlyList<EventSummary>> PastAsync(EventQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EventSummary>>([]);
}

public sealed record EventQuery
{
    /// <summary>Only events linked to this campaign (content item id).</summary>
    public string? CampaignId { get; init; }
    /// <summary>Only events in this ward or commune (the directory's organisation code).</summary>
    public string? WardCode { get; init; }
    public int Count { get; init; } = 5;
}

/// <param name="Url">The event's public address, e.g. /su-kien/dien-dan-tre-em-2025.</param>
/// <param name="KindLabel">The kind in the site's language ("Diễn đàn", "Tập huấn" …).</param>
/// <param name="SeatsLeft">Places left for registration; null when the event takes no registrations or has no capacity.</param>
public sealed record EventSummary(
    string ContentItemId,
    string Title,
    string Url,
    DateTime StartUtc,
    DateTime EndUtc,
    string Kind,
    string KindLabel,
    string? WardName,
    string? Venue,
    bool Cancelled,
    bool RegistrationOpen,
    int? SeatsLeft)
{
    /// <summary>The event has a short report of what happened (past events).</summary>
    public bool HasReport { get; init; }
}
