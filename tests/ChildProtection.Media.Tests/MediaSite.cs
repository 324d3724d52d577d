using System.Globalization;
using ChildProtection.Media.Data;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Tests;

/// <summary>A set-up site shared by a test class, with a signed-in administrator and an anonymous client.</summary>
public class MediaSite : IAsyncLifetime
{
    public SiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public string MediaRoot => Path.Combine(Factory.DataPath, "media");

    public virtual async Task InitializeAsync()
    {
        Admin = await Factory.SetUpAsync();
        Anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task<MediaStoreResult> StoreAsync(byte[] bytes, string name, string folder = "", string? alt = null)
    {
        // Messages come in the site's language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        await using var scope = Factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        return await library.StoreAsync(new MediaUpload { Content = new MemoryStream(bytes), OriginalName = name, Folder = folder, AltText = alt });
    }

    public async Task<T> WithLibraryAsync<T>(Func<IMediaLibrary, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IMediaLibrary>());
    }

    public async Task<T> WithDbAsync<T>(Func<MediaDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MediaDbContext>());
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        await using var scope = Factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<int> CountRecordsAsync() => WithDbAsync(db => db.Media.CountAsync());

    /// <summary>Every file under media/ except the sweep's temp folder, and what is left in the temp folder.</summary>
    public (int Stored, int Temp) CountFiles()
    {
        if (!Directory.Exists(MediaRoot)) return (0, 0);
        var all = Directory.EnumerateFiles(MediaRoot, "*", SearchOption.AllDirectories).ToList();
        var temp = all.Count(f => f.Contains(Path.DirectorySeparatorChar + ".tmp" + Path.DirectorySeparatorChar));
        return (all.Count - temp, temp);
    }

    public virtual Task DisposeAsync()
    {
        Admin.Dispose();
        Anonymous.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
