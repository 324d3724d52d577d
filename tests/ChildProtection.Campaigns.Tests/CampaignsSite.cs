using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Events;
using ChildProtection.Organisations;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Tests;

/// <summary>
/// The whole site, set up once per test class through the setup screen, with the sample directory applied
/// (wards, schools) and a signed-in administrator. With <see cref="CampaignsSiteFactory.Events"/> set the site
/// also has an event catalog (a small real one kept in memory), as it has once the Events module is there.
/// </summary>
public class CampaignsSite : IAsyncLifetime
{
    static CampaignsSite()
    {
        CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("vi-VN");
    }

    public const string Password = "Truong-hoc-2025!";

    public CampaignsSite() : this(new CampaignsSiteFactory()) { }

    protected CampaignsSite(CampaignsSiteFactory factory) => Factory = factory;

    public CampaignsSiteFactory Factory { get; }
    public SiteClient Admin { get; private set; } = null!;
    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        Admin = await Factory.SetUpAsync();
        var applied = await Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.True(applied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Applying the directory answered {(int)applied.StatusCode}");
    }

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public SiteClient Anonymous() => Factory.CreateSiteClient();

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<OrganisationInfo> OrganisationAsync(string code) =>
        WithAsync(async s => await s.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync(code) ?? throw new InvalidOperationException($"No organisation {code}"));

    /// <summary>An account made with Identity's own user manager (as the users admin does), in a role, speaking for an organisation, signed in through /login.</summary>
    public async Task<SiteClient> SignInAsync(string userName, string? role, string? organisationCode = null)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>();
            var user = new Users.Data.User { UserName = userName, Email = $"{userName}@example.edu.vn" };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            if (organisationCode is not null)
            {
                var org = await OrganisationAsync(organisationCode);
                Assert.True((await users.AddClaimAsync(user, new Claim(Core.Security.SiteClaims.Organisation, org.Id.ToString(CultureInfo.InvariantCulture)))).Succeeded);
            }
            if (role is not null) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = Factory.CreateSiteClient();
        await client.SignInAsync(userName, Password);
        return client;
    }

    /// <summary>A campaign saved through the content manager as the editor saves it; days relative to today in the site's time zone.</summary>
    public async Task<ContentItem> CampaignAsync(string title, DateOnly start, DateOnly end, Action<JsonObject>? part = null, Action<ContentItem>? item = null, bool publish = true)
    {
        var result = await SaveCampaignAsync(title, start, end, part, item, publish);
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    public Task<ContentResult> SaveCampaignAsync(string title, DateOnly start, DateOnly end, Action<JsonObject>? part = null, Action<ContentItem>? item = null, bool publish = true) =>
        WithAsync(async s =>
        {
            var contents = s.GetRequiredService<IContentManager>();
            var campaign = await contents.NewAsync("Campaign");
            campaign.GetOrCreatePart("TitlePart")["Title"] = title;
            var p = campaign.GetOrCreatePart("CampaignPart");
            p["StartDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["EndDate"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            part?.Invoke(p);
            item?.Invoke(campaign);
            return await contents.SaveAsync(campaign, new SaveOptions { Publish = publish, User = SiteFactory.AdminUser });
        });

    public Task<ContentItem> ArticleAsync(string title, params string[] topics) =>
        WithAsync(async s =>
        {
            var contents = s.GetRequiredService<IContentManager>();
            var article = await contents.NewAsync("Article");
            article.GetOrCreatePart("TitlePart")["Title"] = title;
            article.GetOrCreatePart("SummaryPart")["Summary"] = "Tóm tắt " + title;
            article.GetOrCreatePart("Topics")["TermIds"] = Strings(topics);
            // Articles require review: the administrator publishes (ReviewContent).
            var result = await contents.SaveAsync(article, new SaveOptions { Publish = true, User = SiteFactory.AdminUser });
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
            return result.Item!;
        });

    public static DateOnly Today => Public.CampaignCatalog.Today(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), DateTime.UtcNow);

    public static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}

/// <summary>The site as it runs, without the Events module's catalog; with <see cref="Events"/> set, a small in-memory catalog in its place.</summary>
public class CampaignsSiteFactory : SiteFactory
{
    public TestEventCatalog? Events { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The host composes the Events module: these tests choose the catalog themselves — none (a site
        // without events) or the small in-memory one — so the Campaigns side is seen on its own.
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IEventCatalog>();
            if (Events is { } events) services.AddSingleton<IEventCatalog>(events);
        });
    }
}

/// <summary>A real, small event catalog kept in memory: upcoming events by campaign or ward, soonest first.</summary>
public sealed class TestEventCatalog : IEventCatalog
{
    private readonly List<(string? CampaignId, string? WardCode, EventSummary Event)> events = [];

    public void Add(EventSummary summary, string? campaignId = null, string? wardCode = null)
    {
        lock (events) events.Add((campaignId, wardCode, summary));
    }

    public Task<IReadOnlyList<EventSummary>> UpcomingAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        lock (events)
        {
            IReadOnlyList<EventSummary> list = events
                .Where(e => e.Event.EndUtc >= DateTime.UtcNow)
                .Where(e => query.CampaignId is null || e.CampaignId == query.CampaignId)
                .Where(e => query.WardCode is null || e.WardCode == query.WardCode)
                .OrderBy(e => e.Event.StartUtc).Take(query.Count).Select(e => e.Event).ToList();
            return Task.FromResult(list);
        }
    }
}

public sealed class EventsSite() : CampaignsSite(new CampaignsSiteFactory { Events = new TestEventCatalog() });
