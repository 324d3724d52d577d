namespace ChildProtection.Core.Security;

/// <summary>
/// The part of the Users module that setup needs: checking and creating the first administrator.
/// Messages come back already localized for the current culture.
/// </summary>
public interface ISiteAccounts
{
    Task<IReadOnlyList<string>> ValidateAdministratorAsync(string userName, string email, string password, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> CreateAdministratorAsync(string userName, string email, string password, CancellationToken cancellationToken = default);
}
