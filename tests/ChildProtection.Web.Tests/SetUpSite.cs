using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>A site set up once per test class (xunit class fixture), with a signed-in administrator client.</summary>
public sealed class SetUpSite : IAsyncLifetime
{
    public SiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;

    public async Task InitializeAsync() => Admin = await Factory.SetUpAsync();

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
