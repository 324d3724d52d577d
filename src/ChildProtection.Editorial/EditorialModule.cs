using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Editorial.Data;
using ChildProtection.Editorial.Notifications;
using ChildProtection.Editorial.Review;
using ChildProtection.Editorial.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Editorial;

/// <summary>
/// Editorial publishing: the review workflow and its screens (queue, the panel in the content editor),
/// withdrawal with a reason, scheduled publish and unpublish, and notifications (admin bell and e-mail).
/// Who may review is the engine's ReviewContent permission; which types need review is a type setting.
/// </summary>
public sealed class EditorialModule : IModule
{
    public string Name => "Editorial";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<EditorialDbContext, SqliteEditorialDbContext, PostgresEditorialDbContext>("Editorial");
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ReviewWorkflow>();
        services.AddScoped<ReviewPanelBuilder>();
        services.AddScoped<EditorialNotifier>();
        services.AddScoped<ScheduledPublishingJob>();
        services.AddScoped<IContentEventHandler, ReviewEvents>();
        services.AddScoped<IRetiredContentLookup, RetiredContentLookup>();
        services.AddHostedService<ScheduledPublishingRegistration>();
        services.AddSingleton<IAdminSlotProvider, EditorialSlots>();
        services.AddSingleton<IAdminMenuProvider, EditorialMenu>();
    }
}

internal sealed class EditorialMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Review queue", "/admin/review", Core.Security.ContentPermissions.ReviewContent.Name, 15),
        new("Notifications", "/admin/notifications", null, 5, "Overview"),
    ];
}

/// <summary>Marker for the module's resource file (Resources/EditorialText.vi.resx); English text is the key.</summary>
public sealed class EditorialText;
