namespace ChildProtection.Core.Limits;

/// <summary>
/// Counters in fixed windows, shared by every node of a scale-out site (Redis) or kept in this process
/// (the embedded default). A counter starts at its first increment and disappears when its window ends,
/// so "at most N per window" is <c>await IncrementAsync(key, window) &lt;= N</c>. Keys are the caller's
/// (prefix them with the capability: <c>signin:address:…</c>); the store adds the site's own prefix.
/// </summary>
public interface IRateCounter
{
    /// <summary>Adds one and returns the count in the current window (1 for the first call of a window).</summary>
    Task<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The count in the current window; 0 when there is none.</summary>
    Task<long> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Forgets the counter (a successful sign-in clears its failures).</summary>
    Task ResetAsync(string key, CancellationToken cancellationToken = default);
}
