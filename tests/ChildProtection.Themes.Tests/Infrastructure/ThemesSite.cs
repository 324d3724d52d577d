using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Themes.Tests.Infrastructure;

/// <summary>
/// The content engine and the Themes module composed as the host composes them, on a fresh SQLite
/// database, served by a real Kestrel on 127.0.0.1 with an ephemeral port.
/// </summary>
public sealed class ThemesSite : IAsyncDisposable
{
    private readonly TempDirectory folder;
    private readonly WebApplication app;

    private ThemesSite(TempDirectory folder, WebApplication app, Uri address)
    {
        this.folder = folder;
        this.app = app;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public HttpClient Client { get; }
    public IServiceProvider Services => app.Services;

    /// <param name="themesRoot">A themes folder of the test's own; the repository's themes/ when null.</param>
    public static async Task<ThemesSite> StartAsync(string? themesRoot = null)
    {
        var folder = new TempDirectory("cp-themes-site");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder.Path, EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (themesRoot is not null) builder.Configuration["Themes:Path"] = themesRoot;

        var paths = new AppPaths(folder.Combine("App_Data"), folder.Path);
        var database = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={paths.Combine("site.db")}" };
        builder.Services.AddContentEngine(paths, database, folder.Combine("recipes"));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddRouting();
        // The engine authorizes content reads and writes through ASP.NET Core authorization.
        builder.Services.AddAuthorization();
        var module = new ThemesModule();
        module.ConfigureServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        foreach (var db in app.Services.GetServices<IModuleDatabase>()) await db.MigrateAsync(app.Services, CancellationToken.None);
        module.Configure(app);
        app.UseRouting();
        module.MapEndpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ThemesSite(folder, app, new Uri(address));
    }

    public async Task ApplyAsync(string recipeJson)
    {
        var (recipe, errors) = RecipeReader.Read(recipeJson);
        Assert.True(recipe is not null, string.Join("; ", errors.Select(e => e.Format())));
        var result = await app.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
    }

    public async Task<T> ContentAsync<T>(Func<IContentManager, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IContentManager>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }
}
