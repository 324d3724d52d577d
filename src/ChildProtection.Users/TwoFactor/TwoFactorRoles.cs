using ChildProtection.Core.Settings;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Users.TwoFactor;

/// <summary>The settings page's choice, kept as the document "TwoFactor". <see cref="Roles"/> null: follow configuration.</summary>
public sealed class TwoFactorSettings
{
    public const string DocumentName = "TwoFactor";
    public List<string>? Roles { get; set; }
}

/// <summary>
/// Which roles must sign in with a second factor. Precedence: what an administrator saved on the settings
/// page (<c>/admin/security/two-factor</c>), once saved, wins; until then — or after "follow the
/// configuration" is chosen there — the configuration key <c>Security:TwoFactorRoles</c> (comma-separated
/// role names; an empty value turns the requirement off); without the key, <see cref="Default"/>.
/// </summary>
public sealed class TwoFactorRoles(IDocumentStore documents, IConfiguration configuration)
{
    public const string ConfigurationKey = "Security:TwoFactorRoles";
    /// <summary>The roles that administer, review or send official notices (the recipe's role names).</summary>
    public const string Default = "Administrator,NoticeSender,Reviewer";

    public IReadOnlyList<string> FromConfiguration()
    {
        var value = configuration.GetSection(ConfigurationKey).Exists() ? configuration[ConfigurationKey] ?? "" : Default;
        return Parse(value);
    }

    public static IReadOnlyList<string> Parse(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<TwoFactorSettings?> SavedAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<TwoFactorSettings>(TwoFactorSettings.DocumentName, cancellationToken);

    public async Task<IReadOnlyList<string>> RequiredAsync(CancellationToken cancellationToken = default) =>
        (await SavedAsync(cancellationToken))?.Roles is { } saved ? saved : FromConfiguration();

    public async Task<bool> IsRequiredForAsync(IEnumerable<string> userRoles, CancellationToken cancellationToken = default)
    {
        var required = await RequiredAsync(cancellationToken);
        return required.Count > 0 && userRoles.Any(r => required.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    public Task SaveAsync(TwoFactorSettings settings, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(TwoFactorSettings.DocumentName, settings, cancellationToken);
}
