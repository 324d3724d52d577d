using ChildProtection.Core.Modules;
using ChildProtection.Notices.Acknowledgement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Notices.Authoring;

public static class AuthoringRegistration
{
    /// <summary>Notice editing, approval, preview and test send, reports, the acknowledgement page and reminders.</summary>
    public static IServiceCollection AddNoticeAuthoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAdminMenuProvider, NoticesMenu>();
        services.AddScoped<RecipientsPreview>();
        services.AddScoped<SampleRecipients>();
        services.AddScoped<AcknowledgementDesk>();
        services.AddScoped<Replies.ReplyDesk>();
        services.AddScoped<Replies.ReplyReport>();
        // Hangfire activates the job from a scope of its own.
        services.AddScoped<ReminderJob>();
        services.AddHostedService<ReminderSchedule>();
        return services;
    }
}
