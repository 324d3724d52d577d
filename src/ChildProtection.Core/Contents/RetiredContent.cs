namespace ChildProtection.Core.Contents;

/// <summary>Why a published item was taken off the site, which decides what its old address answers.</summary>
public enum RetirementKind
{
    /// <summary>Withdrawn: the address shows a notice with the reason.</summary>
    Withdrawn,
    /// <summary>Published in error: the address answers 410 Gone.</summary>
    PublishedInError,
    /// <summary>Replaced by another item: the address redirects (301) to the successor.</summary>
    Replaced,
}

/// <summary>What the public site says at the address of an item that is no longer published.</summary>
public sealed record RetiredContent(RetirementKind Kind, string Title, string? Reason, string? SuccessorPath, DateTime RetiredUtc);

/// <summary>
/// Asked by the public site when nothing is published at a path and no route redirect applies. The
/// editorial module answers it from the withdrawals it recorded.
/// </summary>
public interface IRetiredContentLookup
{
    Task<RetiredContent?> FindByPathAsync(string path, CancellationToken cancellationToken = default);
}
