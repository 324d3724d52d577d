namespace ChildProtection.Core.Security;

/// <summary>A person who can sign in, as other modules need to address them (notifications, e-mail).</summary>
public sealed record SiteUser(string UserName, string? Email);

/// <summary>
/// Who the site's users are, for modules that write to people (the review workflow tells reviewers
/// what waits for them). The Users module answers it; disabled or locked-out accounts are left out.
/// </summary>
public interface ISiteUsers
{
    Task<SiteUser?> FindAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Users one of whose roles grants <paramref name="permission"/> (Administrators included).</summary>
    Task<IReadOnlyList<SiteUser>> WithPermissionAsync(Permission permission, CancellationToken cancellationToken = default);
}
