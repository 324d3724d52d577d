using System.Globalization;
using ChildProtection.Core;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Web.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Localization;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Composes the site: the engine, then every module in order. The host holds no capability of its
/// own beyond setup, health and the recipe and search command lines.
/// </summary>
public static class SiteHost
{
    /// <summary>The modules of this site, in the order their services, middleware and endpoints are added.</summary>
    public static IReadOnlyList<IModule> CreateModules() =>
    [
        new ChildProtection.Jobs.JobsModule(),
        new ChildProtection.Mail.MailModule(),
        new ChildProtection.Audit.AuditModule(),
        new ChildProtection.Organisations.DirectoryModule(),
        new ChildProtection.Notices.NoticesModule(),
        new ChildProtection.Media.MediaModule(),
        new ChildProtection.Users.UsersModule(),
        new ChildProtection.Admin.AdminModule(),
        new ChildProtection.Editorial.EditorialModule(),
        new ChildProtection.ContentApi.ContentApiModule(),
        new ChildProtection.Articles.ArticlesModule(),
        new ChildProtection.Seo.SeoModule(),
        new ChildProtection.Library.LibraryModule(),
        new ChildProtection.Events.EventsModule(),
        new ChildProtection.Campaigns.CampaignsModule(),
        new ChildProtection.Search.SearchModule(),
        new ChildProtection.Themes.ThemesModule(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        MallocArenas.Limit();
        if (args.Length > 0 && args[0] == "recipe") return await RecipeCommand.RunAsync(args);
        if (args.Length > 0 && args[0] == "search") return await SearchCommand.RunAsync(args);
        if (args.Length > 0 && args[0] == "media") return await MediaCommand.RunAsync(args);
        var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <param name="configure">Changes to the builder (tests: configuration, Kestrel on a loopback port).</param>
    /// <param name="configureApp">Middleware put in front of the site's own (benchmarks: a static-file baseline).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? configureApp = null)
    {
        // Before the host starts its threads (a no-op when RunAsync did it already).
        MallocArenas.Limit();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = FindContentRoot(),
            // The site's own pages (setup, errors) live in this assembly: name it even when a test or a
            // benchmark program is the entry assembly, or MVC would look for pages in that one.
            ApplicationName = typeof(SiteHost).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        ServeStaticWebAssetsFromBuildOutput(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        configureApp?.Invoke(app);
        ConfigurePipeline(app);
        return app;
    }

    private static string FindContentRoot()
    {
        // dotnet run uses the project folder; a published site runs from its own folder.
        var cwd = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(cwd, "appsettings.json")) ? cwd : AppContext.BaseDirectory;
    }

    /// <summary>
    /// The modules' files (<c>/_content/&lt;Module&gt;/…</c>: the admin's CSS, Quill, the media library's script)
    /// live in each project's wwwroot; a build output finds them through its static-web-assets manifest, which
    /// ASP.NET Core reads in Development only. Running a build output in any other environment (<c>dotnet run
    /// -c Release</c>, IIS pointed at a build folder) therefore answered 404 for every one of them. A published
    /// site has the files copied into its own wwwroot and no manifest, so this does nothing there.
    /// </summary>
    private static void ServeStaticWebAssetsFromBuildOutput(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return; // the framework did it already
        var manifest = Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json");
        if (File.Exists(manifest))
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Read from configuration when first resolved, not now: test hosts add their configuration late.
        services.AddContentEngine(
            sp => AppPaths.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()),
            sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<AppPaths>().DataPath),
            sp => ProjectLayout.FindFolder("recipes", AppContext.BaseDirectory, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        // First hosted service: migrations and unattended setup finish before anything else starts or serves
        // (when PostgreSQL is unreachable at start, the modules' hosted services wait for it: SitePreparation).
        // Before it: a data-protection certificate that cannot be read stops the start at once.
        KeyRingProtection.AddServices(services);
        services.AddSingleton<SiteStartupState>();
        services.AddHostedService<SitePreparation>();
        services.AddAuthentication();
        services.AddAuthorization();

        // Before the modules: AddRazorPages' own options setup replaces the page convention collection,
        // so a module that adds a convention must come after it.
        services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();

        var modules = CreateModules();
        services.AddSingleton<IReadOnlyList<IModule>>(modules);
        foreach (var module in modules) module.ConfigureServices(services, builder.Configuration);

        services.AddDataProtection().SetApplicationName("ChildProtection");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = RedisScaleOut.KeyRepository(sp, () =>
                new FileSystemXmlRepository(new DirectoryInfo(sp.GetRequiredService<AppPaths>().Combine("keys")), sp.GetRequiredService<ILoggerFactory>()))));
        // After the content engine's AddOutputCache: scale-out mode swaps its in-memory store for Redis.
        RedisScaleOut.AddServices(services);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo("vi-VN"), new CultureInfo("en-US") };
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new SiteCultureProvider()];
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure over HTTPS (the framework's default is never); App:RequireHttps makes it always (TransportSecurity).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        TransportSecurity.AddServices(services);
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("ready", tags: ["ready"]);
        services.AddSingleton<IReadinessCheck, DatabaseReadinessCheck>();
        services.AddSingleton<IReadinessCheck, SiteStartupReadiness>();
        services.AddSingleton<SetupState>();
        services.AddScoped<SetupService>();
        services.AddProblemDetails();
        // Vietnamese letters go out as themselves, not as &#x1EA1; escapes: pages stay light and readable.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // A long article pasted from Word can be several megabytes of HTML in one form field.
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.ValueLengthLimit = 8 * 1024 * 1024);
        // Last: every module's hosted service waits for the site's preparation when the database was not there.
        DeferredHostedService.WrapAfterPreparation(services);
    }

    /// <summary>The antiforgery cookie: an anonymous visitor who opened a form carries it and is still served stored pages.</summary>
    public const string AntiforgeryCookie = "cp.af";

    private static void ConfigurePipeline(WebApplication app)
    {
        TrustedProxies.UseTrustedProxies(app);
        TransportSecurity.UseTransportSecurity(app);
        // Before anything that reads a table: a node still waiting for its database answers 503, not 500.
        app.UseMiddleware<StartupGateMiddleware>();
        // A stored public page for a visitor who is provably anonymous is written here, before the error pages,
        // security headers (stored with the page), localisation, routing, authentication and the output cache:
        // on the pages bench those cost more than the page itself. Everything else goes on as before.
        var pageStore = app.Services.GetRequiredService<PublicPageStoreOptions>();
        pageStore.AnonymousCookies.Add(AntiforgeryCookie);
        app.UseMiddleware<PublicPageStoreMiddleware>();
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles(new StaticFileOptions
        {
            // asp-append-version adds ?v=<hash>: such a URL never changes content, so it may be cached for good.
            OnPrepareResponse = c =>
            {
                if (c.Context.Request.Query.ContainsKey("v"))
                    c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        app.UseRequestLocalization();
        foreach (var module in app.Services.GetRequiredService<IReadOnlyList<IModule>>()) module.Configure(app);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<SetupRedirectMiddleware>();
        app.UseAntiforgery();
        // After authentication (a signed-in user is never served a cached page) and the setup redirect;
        // only endpoints that opt in with CacheAsPublicPage are cached.
        app.UseOutputCache();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = ReadinessHealthCheck.WriteAsync });
        app.MapRazorPages();
        foreach (var module in app.Services.GetRequiredService<IReadOnlyList<IModule>>()) module.MapEndpoints(app);
    }
}
