using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Authoring;

public static class AuthoringRegistration
{
    /// <summary>Notice editing, approval, preview and test send, reports, the acknowledgement page and reminders.</summary>
    public static IServiceCollection AddNoticeAuthoring(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
