using ChildProtection.Articles.Data;
using ChildProtection.Campaigns.Data;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Library.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Core's one start-up catch-up (<see cref="PublishedIndexCatchUp"/>) over every module's index of published
/// items: the library, the event schedule, the campaign links and the article topics, each lost behind the
/// site's back (a database restored without them), come back from the published items.
/// </summary>
public sealed class PublishedIndexCatchUpTests
{
    [Fact]
    public async Task Every_module_index_lost_behind_the_sites_back_is_refilled_by_the_one_catch_up()
    {
        using var factory = new SiteFactory { Settings = { ["Jobs:RunServer"] = "false" } };
        using var admin = await factory.SetUpAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var campaigns = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        var articles = scope.ServiceProvider.GetRequiredService<ArticlesDbContext>();
        async Task<int[]> CountsAsync() =>
        [
            await library.Entries.CountAsync(), await events.Entries.CountAsync(e => e.Listed),
            await campaigns.Links.CountAsync(), await articles.Topics.CountAsync(),
        ];
        var before = await CountsAsync();
        Assert.All(before, count => Assert.True(count > 0, "the set-up recipe publishes resources, events, campaign links and filed articles"));

        await library.Entries.ExecuteDeleteAsync();
        await events.Entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Listed, false));
        await campaigns.Links.ExecuteDeleteAsync();
        await articles.Topics.ExecuteDeleteAsync();
        Assert.Equal(new[] { 0, 0, 0, 0 }, await CountsAsync());

        var catchUp = factory.HostedService<PublishedIndexCatchUp>();
        await catchUp.StartAsync(CancellationToken.None);
        Assert.Equal(before, await CountsAsync());
    }
}
