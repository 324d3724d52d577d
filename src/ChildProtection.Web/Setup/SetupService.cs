using ChildProtection.Core.Recipes;
using ChildProtection.Core.Recipes.Steps;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Setup;

public sealed class SetupRequest
{
    public string SiteName { get; set; } = "";
    public string AdminUserName { get; set; } = "";
    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    public string Culture { get; set; } = "vi-VN";
    public string Recipe { get; set; } = "childprotection";
}

/// <summary>
/// Sets up an empty site: checks everything first (so a bad password loses nothing), applies the setup
/// recipe, saves the site settings and creates the first administrator.
/// </summary>
public sealed class SetupService(
    RecipeCatalog catalog,
    RecipeExecutor executor,
    ISiteSettingsService settingsService,
    IServiceProvider services,
    SetupState state,
    IStringLocalizer<WebText> T,
    IStringLocalizer<ChildProtection.Core.CoreText> C,
    ILogger<SetupService> logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<IReadOnlyList<(string Field, string Message)>> SetUpAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new List<(string, string)>();
        request.SiteName = request.SiteName.Trim();
        request.AdminUserName = request.AdminUserName.Trim();
        request.AdminEmail = request.AdminEmail.Trim();
        if (request.SiteName.Length is 0 or > 200) errors.Add((nameof(request.SiteName), T["Enter the site name (at most 200 characters)."]));
        try { TimeZoneInfo.FindSystemTimeZoneById(request.TimeZone); }
        catch (Exception) { errors.Add((nameof(request.TimeZone), T["Unknown time zone."])); }
        if (!SettingsStep.SupportedCultures.Contains(request.Culture)) errors.Add((nameof(request.Culture), T["Unsupported language."]));
        var recipe = await catalog.FindAsync(request.Recipe, cancellationToken);
        if (recipe is null) errors.Add((nameof(request.Recipe), T["The setup recipe \"{0}\" was not found.", request.Recipe]));

        var accounts = services.GetService<ISiteAccounts>();
        if (accounts is null) errors.Add(("", T["The Users module is missing; no administrator can be created."]));
        else
            foreach (var message in await accounts.ValidateAdministratorAsync(request.AdminUserName, request.AdminEmail, request.AdminPassword, cancellationToken))
                errors.Add((nameof(request.AdminPassword), message));
        if (errors.Count > 0) return errors;

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (await settingsService.IsSetUpAsync(cancellationToken))
                return [("", T["The site is already set up."])];

            var result = await executor.ApplyAsync(recipe!, request.AdminUserName, cancellationToken);
            if (!result.Succeeded)
                return result.Errors.Select(e => (nameof(request.Recipe), e.Format((m, a) => C[m, a]))).ToList();

            foreach (var message in await accounts!.CreateAdministratorAsync(request.AdminUserName, request.AdminEmail, request.AdminPassword, cancellationToken))
                errors.Add((nameof(request.AdminPassword), message));
            if (errors.Count > 0) return errors;

            var settings = (await settingsService.GetAsync(cancellationToken)).Clone();
            settings.SiteName = request.SiteName;
            settings.TimeZone = request.TimeZone;
            settings.Culture = request.Culture;
            settings.SetupCompletedUtc = DateTime.UtcNow;
            await settingsService.SaveAsync(settings, cancellationToken);
            // The site's own id (Message-IDs and the like); usually made already at start, this makes sure.
            await services.GetRequiredService<ISiteIdentity>().GetSiteIdAsync(cancellationToken);
            state.MarkSetUp();
            logger.LogInformation("Site {Site} set up with recipe {Recipe} by {User}", request.SiteName, recipe!.Name, request.AdminUserName);
            return [];
        }
        finally
        {
            Gate.Release();
        }
    }
}
