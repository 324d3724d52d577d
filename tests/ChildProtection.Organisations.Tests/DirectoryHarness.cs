using System.Globalization;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Organisations.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Tests;

/// <summary>The directory module's services on a fresh database (a SQLite file, or a throwaway PostgreSQL database), migrated.</summary>
public sealed class DirectoryHarness : IAsyncDisposable
{
    private readonly TempFolder folder = new("cp-directory");
    private readonly PostgresDatabase? postgres;
    private readonly ServiceProvider provider;

    static DirectoryHarness()
    {
        // The module's messages are Vietnamese resources; tests read them as a Vietnamese user would.
        CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("vi-VN");
    }

    private DirectoryHarness(PostgresDatabase? postgres)
    {
        this.postgres = postgres;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton(postgres is null
            ? new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={folder.Combine("directory.db")}" }
            : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres.ConnectionString });
        services.AddSingleton(new AppPaths(folder.Combine("data"), folder.Path));
        new DirectoryModule().ConfigureServices(services, new ConfigurationBuilder().Build());
        provider = services.BuildServiceProvider();
    }

    public static async Task<DirectoryHarness> CreateAsync(bool postgres)
    {
        var harness = new DirectoryHarness(postgres ? await PostgresDatabase.CreateAsync("cp_directory") : null);
        foreach (var db in harness.provider.GetServices<IModuleDatabase>()) await db.MigrateAsync(harness.provider, CancellationToken.None);
        return harness;
    }

    public AsyncServiceScope Scope()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("vi-VN");
        return provider.CreateAsyncScope();
    }

    /// <summary>Runs <paramref name="action"/> with one scope's service of type <typeparamref name="T"/>.</summary>
    public async Task<TResult> With<T, TResult>(Func<T, Task<TResult>> action) where T : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    public async Task<TResult> Db<TResult>(Func<DirectoryDbContext, Task<TResult>> action) => await With(action);

    public async Task<Organisation> AddAsync(string code, string name, OrganisationKind kind, SchoolLevel? level = null, int? wardId = null,
        DateOnly? validFrom = null, DateOnly? validTo = null, int? successorId = null, params string[] emails)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var o = new Organisation { Code = code, Kind = kind, Level = level, WardId = wardId, ValidFrom = validFrom, ValidTo = validTo, SuccessorId = successorId };
        o.SetName(name);
        if (emails.Length > 0)
            o.Contacts.Add(new Contact { Name = "Văn thư " + name, Emails = emails.Select(e => new ContactEmail { Address = e.Trim(), Normalized = EmailAddresses.Normalize(e) }).ToList() });
        db.Organisations.Add(o);
        await db.SaveChangesAsync();
        return o;
    }

    public async Task<RecipientGroup> AddGroupAsync(string name, IEnumerable<int>? members = null, IEnumerable<OrganisationKind>? kinds = null, SchoolLevel? level = null, int? wardId = null)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var g = members is not null
            ? new RecipientGroup { Name = name, Kind = GroupKind.Fixed, Members = members.Select(id => new GroupMember { OrganisationId = id }).ToList() }
            : new RecipientGroup { Name = name, Kind = GroupKind.Rule, RuleKinds = RecipientGroup.FormatRuleKinds(kinds ?? []), RuleLevel = level, RuleWardId = wardId };
        db.Groups.Add(g);
        await db.SaveChangesAsync();
        return g;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        if (postgres is not null) await postgres.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
