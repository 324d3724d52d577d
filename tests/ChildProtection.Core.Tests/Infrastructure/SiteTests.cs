namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>
/// Base of the content-engine tests that run once per database: a fresh site per test (xunit makes a
/// new instance for each test), so no test sees another's items. Test methods use
/// <see cref="ServiceFactAttribute"/> so the PostgreSQL subclasses skip or fail like PostgresFact.
/// </summary>
public abstract class SiteTests<TDatabase> : IAsyncLifetime where TDatabase : IDatabaseKind
{
    private EngineSite? site;

    protected EngineSite Site => site ?? throw new InvalidOperationException("The site is not started.");

    /// <summary>Whether the site starts with the test types defined.</summary>
    protected virtual bool WithTypes => true;

    public async Task InitializeAsync() =>
        site = WithTypes ? await EngineSite.StartWithTypesAsync<TDatabase>() : await EngineSite.StartAsync<TDatabase>();

    public async Task DisposeAsync()
    {
        if (site is not null) await site.DisposeAsync();
    }
}
