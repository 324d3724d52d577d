namespace ChildProtection.Organisations.Tests;

/// <summary>A fresh migrated directory database per test, SQLite or PostgreSQL by the concrete class.</summary>
public abstract class DatabaseTests(bool postgres) : IAsyncLifetime
{
    protected DirectoryHarness Directory { get; private set; } = null!;

    public async Task InitializeAsync() => Directory = await DirectoryHarness.CreateAsync(postgres);

    public async Task DisposeAsync() => await Directory.DisposeAsync();
}
