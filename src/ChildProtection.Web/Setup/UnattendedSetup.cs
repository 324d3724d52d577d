using ChildProtection.Core.Settings;

namespace ChildProtection.Web.Setup;

/// <summary>
/// Setup from configuration (<c>Setup:SiteName</c>, <c>Setup:AdminUserName</c>, <c>Setup:AdminEmail</c>,
/// <c>Setup:AdminPassword</c>, <c>Setup:Recipe</c>; environment <c>Setup__AdminPassword</c> …) on first
/// start of an empty site. A refusal is logged and the setup screen stays available.
/// </summary>
public static class UnattendedSetup
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var password = configuration["Setup:AdminPassword"];
        if (string.IsNullOrEmpty(password)) return;
        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<ISiteSettingsService>().IsSetUpAsync(cancellationToken)) return;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnattendedSetup));
        var request = new SetupRequest
        {
            SiteName = configuration["Setup:SiteName"] is { Length: > 0 } name ? name : "Bảo vệ trẻ em",
            AdminUserName = configuration["Setup:AdminUserName"] is { Length: > 0 } user ? user : "admin",
            AdminEmail = configuration["Setup:AdminEmail"] is { Length: > 0 } email ? email : "admin@localhost.localdomain",
            AdminPassword = password,
            Recipe = configuration["Setup:Recipe"] is { Length: > 0 } recipe ? recipe : "childprotection",
            TimeZone = configuration["Setup:TimeZone"] is { Length: > 0 } tz ? tz : "Asia/Ho_Chi_Minh",
            Culture = configuration["Setup:Culture"] is { Length: > 0 } culture ? culture : "vi-VN",
        };
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(request.Culture);
        try
        {
            var errors = await scope.ServiceProvider.GetRequiredService<SetupService>().SetUpAsync(request, cancellationToken);
            if (errors.Count == 0) logger.LogInformation("Unattended setup done for {Site}", request.SiteName);
            else foreach (var (field, message) in errors) logger.LogError("Unattended setup refused ({Field}): {Message}", field, message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
