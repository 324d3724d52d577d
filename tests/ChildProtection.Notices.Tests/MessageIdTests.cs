using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// Message-IDs are unique among sites and stable for one delivery: two fresh sites (whose first notice and
/// first ledger row both have id 1) send different Message-IDs, and the same row gives the same Message-ID
/// again after the host restarts.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class MessageIdTests : IDisposable
{
    private readonly TempFolder first = new("cp-message-id-a");
    private readonly TempFolder second = new("cp-message-id-b");

    private static async Task<(string MessageId, string SiteId)> SendFirstNoticeAsync(string dataPath)
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        using var site = new DeliverySiteFactory(dataPath);
        (await site.SetUpAsync()).Dispose();
        await site.UseSmtpAsync(server);
        await site.SetDeliveryAsync(connections: 1);
        var (group, _) = site.Directory.AddSchools(1);
        var id = await site.CreateNoticeAsync(group);
        Assert.True((await site.StartAsync(id)).Succeeded);
        await site.WaitCompletedAsync(id);
        var siteId = await site.WithAsync(sp => sp.GetRequiredService<ISiteIdentity>().GetSiteIdAsync().AsTask());
        return (Assert.Single(server.Messages).MessageId, siteId);
    }

    [Fact]
    public async Task Two_fresh_sites_send_different_message_ids_and_a_restart_keeps_each_rows_id()
    {
        var (a, siteA) = await SendFirstNoticeAsync(first.Path);
        var (b, siteB) = await SendFirstNoticeAsync(second.Path);

        Assert.NotEqual(a, b);
        Assert.NotEqual(siteA, siteB);
        Assert.Matches("^[0-9a-f]{32}$", siteA);
        Assert.Contains(siteA, a);

        // The first site again: the id was kept in its database, so the same ledger row composes the same Message-ID.
        using var again = new DeliverySiteFactory(first.Path, runJobServer: false);
        var (recomposed, reminder, siteAgain) = await again.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<NoticesDbContext>();
            var notice = await db.Notices.AsNoTracking().Include(n => n.Attachments).SingleAsync();
            var row = await db.NoticeRecipients.AsNoTracking().SingleAsync();
            var settings = await sp.GetRequiredService<ISiteSettingsService>().GetAsync();
            var composer = sp.GetRequiredService<NoticeMessageComposer>();
            var notice1 = composer.Compose(notice, NoticeAddressee.From(row), NoticeMessageKind.Notice, settings, notice.LinkBaseUrl!);
            var reminder1 = composer.Compose(notice, NoticeAddressee.From(row), NoticeMessageKind.Reminder, settings, notice.LinkBaseUrl!, reminderNumber: 1);
            return (notice1.MessageId, reminder1.MessageId, await sp.GetRequiredService<ISiteIdentity>().GetSiteIdAsync());
        });
        Assert.Equal(siteA, siteAgain);
        Assert.Equal(a, recomposed);
        Assert.NotEqual(a, reminder);
        Assert.Contains(siteA, reminder);
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
