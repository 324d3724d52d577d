using ChildProtection.Core.Data;
using ChildProtection.Core.Settings;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqliteSiteIdentityTests : SiteIdentityTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresSiteIdentityTests : SiteIdentityTests<Postgres>;

/// <summary>The site's random id: made once in the database, the same for every node and after a restart.</summary>
public abstract class SiteIdentityTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    protected override bool WithTypes => false;

    [ServiceFact]
    public async Task Nodes_starting_at_once_on_one_database_agree_on_one_id_and_keep_it()
    {
        // Each SiteIdentity is what one node holds (its own cache); all share the database, as nodes do.
        var scopes = Site.Services.GetRequiredService<IServiceScopeFactory>();
        var nodes = Enumerable.Range(0, 8).Select(_ => new SiteIdentity(scopes)).ToList();
        using var go = new ManualResetEventSlim();
        var racing = nodes.Select(n => Task.Run(async () => { go.Wait(); return await n.GetSiteIdAsync(); })).ToList();
        go.Set();
        var ids = await Task.WhenAll(racing);

        var id = Assert.Single(ids.Distinct());
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(1, await Site.RunAsync(sp => sp.GetRequiredService<CoreDbContext>().Documents.CountAsync(d => d.Name == SiteIdentity.DocumentName)));
        // A node started later (or the same one after a restart) reads it back.
        Assert.Equal(id, await new SiteIdentity(scopes).GetSiteIdAsync());
        Assert.Equal(id, await Site.Services.GetRequiredService<ISiteIdentity>().GetSiteIdAsync());
    }

    [ServiceFact]
    public async Task Saving_the_site_settings_leaves_the_id_alone()
    {
        var identity = Site.Services.GetRequiredService<ISiteIdentity>();
        var id = await identity.GetSiteIdAsync();
        await Site.RunAsync(async sp =>
        {
            var service = sp.GetRequiredService<ISiteSettingsService>();
            var settings = (await service.GetAsync()).Clone();
            settings.SiteName = "Cổng thông tin trẻ em";
            await service.SaveAsync(settings);
            return 0;
        });

        Assert.Equal(id, await new SiteIdentity(Site.Services.GetRequiredService<IServiceScopeFactory>()).GetSiteIdAsync());
    }
}
