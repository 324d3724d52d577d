using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>
/// A whole content engine as the host composes it (<see cref="CoreServices.AddContentEngine"/>), on its
/// own migrated database and temp data folder. Each operation runs in its own scope, like a request.
/// </summary>
public sealed class EngineSite : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly ISiteDatabase database;

    private EngineSite(TempFolder folder, ISiteDatabase database, ServiceProvider services)
    {
        this.folder = folder;
        this.database = database;
        Services = services;
    }

    public ServiceProvider Services { get; }
    public RecordedEvents Events => Services.GetRequiredService<RecordedEvents>();
    public DatabaseProvider Provider => database.Options.Provider;

    /// <param name="configure">Services a test adds after the engine's (a recipe step of its own).</param>
    public static async Task<EngineSite> StartAsync<TDatabase>(Action<IServiceCollection>? configure = null) where TDatabase : IDatabaseKind
    {
        var folder = new TempFolder("cp-core");
        ISiteDatabase? database = null;
        try
        {
            database = await TDatabase.CreateAsync(folder);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddContentEngine(new AppPaths(folder.Combine("App_Data"), folder.Path), database.Options, folder.Combine("recipes"));
            services.AddSingleton<RecordedEvents>();
            services.AddSingleton<IContentEventHandler>(sp => sp.GetRequiredService<RecordedEvents>());
            configure?.Invoke(services);
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            foreach (var module in provider.GetServices<IModuleDatabase>())
                await module.MigrateAsync(provider, CancellationToken.None);
            return new EngineSite(folder, database, provider);
        }
        catch
        {
            if (database is not null) await database.DisposeAsync();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>A site with the test types (<see cref="TestRecipes.Types"/>) defined.</summary>
    public static async Task<EngineSite> StartWithTypesAsync<TDatabase>() where TDatabase : IDatabaseKind
    {
        var site = await StartAsync<TDatabase>();
        var result = await site.ApplyRecipeAsync(TestRecipes.Types);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        return site;
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<T> ContentAsync<T>(Func<IContentManager, Task<T>> action) =>
        RunAsync(sp => action(sp.GetRequiredService<IContentManager>()));

    public Task<ContentItem> NewAsync(string type) => ContentAsync(c => c.NewAsync(type));

    public Task<ContentResult> SaveAsync(ContentItem item, bool publish = false, string? expectedLatest = null) =>
        ContentAsync(c => c.SaveAsync(item, new SaveOptions { Publish = publish, User = "editor", ExpectedLatestVersionId = expectedLatest }));

    /// <summary>Saves and insists it worked; the item returned is the stored version.</summary>
    public async Task<ContentItem> SaveOkAsync(ContentItem item, bool publish = false)
    {
        var result = await SaveAsync(item, publish);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    /// <summary>A new item of <paramref name="type"/> with the given parts (JSON object text), saved.</summary>
    public async Task<ContentItem> CreateAsync(string type, string title, bool publish = false, string? parts = null)
    {
        var item = await NewAsync(type);
        if (parts is not null) item.Content = JsonNode.Parse(parts)!.AsObject();
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        return await SaveOkAsync(item, publish);
    }

    public Task<ContentItem?> GetAsync(string id, VersionOptions options) => ContentAsync(c => c.GetAsync(id, options));

    /// <summary>The stored rows of one item, oldest first: what the versioning rules are about.</summary>
    public Task<List<ContentItemRecord>> RowsAsync(string contentItemId) =>
        RunAsync(sp => sp.GetRequiredService<CoreDbContext>().ContentItems.AsNoTracking()
            .Where(r => r.ContentItemId == contentItemId).OrderBy(r => r.Number).ThenBy(r => r.Id).ToListAsync());

    public Task<int> CountRowsAsync() => RunAsync(sp => sp.GetRequiredService<CoreDbContext>().ContentItems.CountAsync());

    public Task<RecipeResult> ApplyRecipeAsync(string json)
    {
        var (recipe, errors) = RecipeReader.Read(json);
        Assert.True(recipe is not null, string.Join("; ", errors.Select(e => e.Format())));
        return Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe);
    }

    public Task<JsonObject> ExportAsync() => Services.GetRequiredService<RecipeExecutor>().ExportAsync();

    public Task<ContentDefinitionDocument> DefinitionsAsync() =>
        RunAsync(sp => sp.GetRequiredService<IContentDefinitionStore>().GetAsync());

    public Task<SiteSettings> SettingsAsync() => RunAsync(sp => sp.GetRequiredService<ISiteSettingsService>().GetAsync());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
        folder.Dispose();
    }
}
