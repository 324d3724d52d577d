using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Fields;
using ChildProtection.Core.Files;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using ChildProtection.Media.Checking;
using ChildProtection.Media.Data;
using ChildProtection.Media.Endpoints;
using ChildProtection.Media.Imaging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media;

/// <summary>
/// The media library: files in the site's file store under <c>media/</c>, the hardened image pipeline, the public
/// <c>/media/…</c> addresses, the admin library, the media field and part, and the Media recipe step.
/// Other modules use it through <see cref="IMediaLibrary"/> only.
/// </summary>
public sealed class MediaModule : IModule
{
    public string Name => "Media";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<MediaDbContext, SqliteMediaDbContext, PostgresMediaDbContext>("Media");
        // Read when first resolved: test hosts add their configuration after the modules register.
        services.AddSingleton(sp => MediaOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<MediaStorage>();
        services.AddStoredFilePrefix(MediaStorage.Prefix);
        services.AddSingleton<ImagePipeline>();
        services.AddSingleton<FileInspector>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<IMediaLibrary>(sp => sp.GetRequiredService<MediaLibrary>());
        services.AddScoped<MediaDerivativeJob>();
        services.AddScoped<CleanCopyBackfill>();
        services.AddScoped<Admin.MediaAdmin>();
        services.AddScoped<Admin.ConsentRecords>();
        services.AddScoped<Usage.MediaUsageQuery>();
        // Scoped like the content manager that raises it; it resolves the manager lazily (no cycle).
        services.AddScoped<IContentEventHandler, Usage.MediaUsageTracker>();
        services.AddScoped<IPublicationCheck, Content.ChildConsentCheck>();
        services.AddScoped<Content.MediaRecipePlan>();
        services.AddScoped<Content.MediaLookup>();
        services.AddSingleton<IContentFieldHandler, Content.MediaField>();
        services.AddSingleton<IContentPartHandler, Content.MediaPart>();
        services.AddSingleton<IRecipeStep, Recipes.MediaStep>();
        services.AddHostedService<MediaStartup>();
        services.AddSingleton<IPermissionProvider, MediaPermissions>();
        services.AddSingleton<IAdminMenuProvider, MediaMenu>();
        services.AddHttpContextAccessor();
        services.AddTransient<Microsoft.AspNetCore.Razor.TagHelpers.ITagHelperComponent, Admin.MediaPickerScript>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => MediaEndpoints.Map(endpoints);
}

public static class MediaPermission
{
    public static readonly Permission ManageMedia = new("ManageMedia", "Upload, organise and delete files in the media library") { Category = "Content" };
}

internal sealed class MediaPermissions : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>([MediaPermission.ManageMedia]);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", [MediaPermission.ManageMedia]),
        new("Editor", [MediaPermission.ManageMedia]),
        new("Reviewer", [MediaPermission.ManageMedia]),
    ];
}

internal sealed class MediaMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() => [new("Media library", "/admin/media", MediaPermission.ManageMedia.Name, 20)];
}

/// <summary>Marker for the module's resource file (Resources/MediaText.vi.resx); English text is the key.</summary>
public sealed class MediaText;
