using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqliteDocumentCacheTests : DocumentCacheTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresDocumentCacheTests : DocumentCacheTests<Postgres>;

/// <summary>Settings and definitions are cached; a change must reach every request once it is committed.</summary>
public abstract class DocumentCacheTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private async Task SaveSiteNameAsync(string name) => await Site.RunAsync(async sp =>
    {
        var service = sp.GetRequiredService<ISiteSettingsService>();
        var settings = (await service.GetAsync()).Clone();
        settings.SiteName = name;
        await service.SaveAsync(settings);
        return 0;
    });

    [ServiceFact]
    public async Task Settings_saved_inside_a_recipe_transaction_are_seen_by_other_requests_after_commit()
    {
        await SaveSiteNameAsync("Bảo vệ trẻ em");
        await using var recipeScope = Site.Services.CreateAsyncScope();
        var unitOfWork = recipeScope.ServiceProvider.GetRequiredService<ContentUnitOfWork>();
        var settingsService = recipeScope.ServiceProvider.GetRequiredService<ISiteSettingsService>();
        await unitOfWork.BeginAsync();
        var settings = (await settingsService.GetAsync()).Clone();
        settings.SiteName = "Cổng thông tin trẻ em";
        await settingsService.SaveAsync(settings);

        // A visitor's request while the recipe is still running reads (and caches) the committed name.
        Assert.Equal("Bảo vệ trẻ em", (await Site.SettingsAsync()).SiteName);

        await unitOfWork.CommitAsync();

        Assert.Equal("Cổng thông tin trẻ em", (await Site.SettingsAsync()).SiteName);
    }

    [ServiceFact]
    public async Task A_rolled_back_change_is_not_seen_even_by_the_request_that_made_it()
    {
        await SaveSiteNameAsync("Bảo vệ trẻ em");
        await using var recipeScope = Site.Services.CreateAsyncScope();
        var unitOfWork = recipeScope.ServiceProvider.GetRequiredService<ContentUnitOfWork>();
        var settingsService = recipeScope.ServiceProvider.GetRequiredService<ISiteSettingsService>();
        await unitOfWork.BeginAsync();
        var settings = (await settingsService.GetAsync()).Clone();
        settings.SiteName = "Tên chưa lưu";
        await settingsService.SaveAsync(settings);
        Assert.Equal("Tên chưa lưu", (await settingsService.GetAsync()).SiteName);

        await unitOfWork.RollbackAsync();

        Assert.Equal("Bảo vệ trẻ em", (await settingsService.GetAsync()).SiteName);
        Assert.Equal("Bảo vệ trẻ em", (await Site.SettingsAsync()).SiteName);
    }
}
