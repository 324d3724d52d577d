namespace ChildProtection.Organisations;

/// <summary>
/// The directory's side of bounces: the Notices module reports an address whose mail came back for good,
/// and the directory flags it on its contact (shown there, listed for clean-up, skipped by later notices
/// until someone fixes the address or clears the flag).
/// </summary>
public interface IUndeliverableAddresses
{
    /// <summary>
    /// Flags <paramref name="email"/> (compared case-insensitively, trimmed) as undeliverable since
    /// <paramref name="atUtc"/>. An address flagged already keeps its first date and takes the newer reason.
    /// False when no contact in the directory has that address (it was removed or changed since).
    /// </summary>
    Task<bool> MarkUndeliverableAsync(string email, string reason, DateTime atUtc, CancellationToken cancellationToken = default);
}

/// <summary>An address a selection would reach but that is skipped: flagged as undeliverable in the directory.</summary>
public sealed record SkippedRecipient(string Email, string? ContactName, int OrganisationId, string OrganisationName, DateTime UndeliverableSinceUtc, string? Reason);
