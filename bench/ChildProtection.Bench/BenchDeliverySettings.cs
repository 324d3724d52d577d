using ChildProtection.Notices.Delivery;

namespace ChildProtection.Bench;

/// <summary>The notice delivery settings for the run: as many lanes as the baseline has connections, no rate limit.</summary>
internal static class BenchDeliverySettings
{
    public static async Task ApplyAsync(IServiceProvider services, int connections)
    {
        var store = services.GetRequiredService<DeliverySettingsService>();
        var settings = await store.GetAsync();
        settings.Connections = connections;
        settings.RatePerMinute = 0;
        await store.SaveAsync(settings);
    }
}
