using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Security;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.ApiTokens;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using ChildProtection.Users.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChildProtection.Users;

/// <summary>
/// Users, roles and permissions on ASP.NET Core Identity; the sign-in pages; the user, role and API-token
/// admin screens; the ApiToken scheme; the Roles recipe step; and the answer to every permission check.
/// </summary>
public sealed class UsersModule : IModule
{
    /// <summary>
    /// The default scheme: a policy that sends requests aimed at <c>/api</c> to the ApiToken scheme and
    /// everything else to Identity's cookie. API calls therefore never ride on a browser's cookie (no
    /// cross-site request forgery through the API) and are never redirected to /login; and a token never
    /// opens an admin page (it was chosen by the header once, which made every token an admin login).
    /// </summary>
    public const string DefaultScheme = "CookieOrApiToken";

    public string Name => "Users";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<UsersDbContext, SqliteUsersDbContext, PostgresUsersDbContext>("Users");
        services.TryAddSingleton(TimeProvider.System);

        services.AddIdentity<User, Role>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<SiteClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // Identity's own lockout is the last line (failures from several addresses): the address is stopped
        // long before, see SignInLimits. Read when first resolved: test hosts add configuration late.
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section);
        services.AddSingleton<IConfigureOptions<IdentityOptions>>(sp => new ConfigureOptions<IdentityOptions>(o =>
        {
            var limits = sp.GetRequiredService<IOptions<SignInLimits>>().Value;
            o.Lockout.MaxFailedAccessAttempts = Math.Max(1, limits.AccountFailures);
            o.Lockout.DefaultLockoutTimeSpan = limits.Lockout;
        }));
        // A password-reset link works for one hour (and once: the reset renews the security stamp it is bound to).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = PasswordResetMail.LinkLifetime);

        // Role changes, locks, deletions, password resets and a removed second factor reach an open session
        // within a minute, not Identity's default 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = DefaultScheme;
                o.DefaultAuthenticateScheme = DefaultScheme;
                o.DefaultChallengeScheme = DefaultScheme;
                o.DefaultForbidScheme = DefaultScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthenticationSchemes.ApiToken, null)
            .AddPolicyScheme(DefaultScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.IsApiPath(context.Request)
                    ? AuthenticationSchemes.ApiToken
                    : IdentityConstants.ApplicationScheme);

        services.AddSingleton<RolePermissionCache>();
        services.AddScoped<PermissionCatalog>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<IPermissionProvider, UserPermissionProvider>();
        services.AddScoped<RolePermissionStore>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<ISiteAccounts, SiteAccounts>();
        services.AddScoped<ISiteUsers, SiteUsers>();
        services.AddScoped<UserOrganisations>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<TwoFactorRoles>();
        services.AddSingleton<PasswordResetMail>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMail>());
        services.AddSingleton<IRecipeStep, RolesStep>();
        services.AddSingleton<IAdminMenuProvider, UsersAdminMenu>();
    }

    public void Configure(IApplicationBuilder app)
    {
        app.UseMiddleware<BadApiTokenRefusal>();
        app.UseMiddleware<TwoFactorRequirement>();
    }
}

internal sealed class UsersAdminMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Users", "/admin/users", UserPermissions.ManageUsers.Name, 10, "Security"),
        new("Roles", "/admin/roles", UserPermissions.ManageRoles.Name, 20, "Security"),
        new("API tokens", "/admin/api-tokens", UserPermissions.ManageApiTokens.Name, 30, "Security"),
        new("Two-factor sign-in", "/admin/security/two-factor", UserPermissions.ManageRoles.Name, 40, "Security"),
    ];
}
