using ChildProtection.Core.Files;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChildProtection.Notices.Tests;

/// <summary>Two nodes on one PostgreSQL and one Redis: an attachment stored by one node goes out in the mail another node sends.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class ScaleOutAttachmentTests
{
    [ScaleOutFact]
    public async Task An_attachment_stored_on_node_a_is_attached_to_the_mail_node_b_sends()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_notice_files");
        await using var server = await LoopbackSmtpServer.StartAsync();
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        DeliverySiteFactory Node(bool jobs)
        {
            var node = new DeliverySiteFactory(postgres: database.ConnectionString, runJobServer: jobs);
            node.UseSharedRedis(prefix);
            node.Settings["Notices:NodeName"] = jobs ? "node-b" : "node-a";
            return node;
        }
        // Node A takes the notice and its attachment and starts the sending; only node B runs jobs.
        using var nodeA = Node(jobs: false);
        (await nodeA.SetUpAsync()).Dispose();
        await nodeA.UseSmtpAsync(server);
        await nodeA.SetDeliveryAsync();
        var (group, recipients) = nodeA.Directory.AddSchools(3);
        var id = await nodeA.CreateNoticeAsync(group);
        var attachment = await nodeA.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeAttachments.AsNoTracking().SingleAsync(a => a.NoticeId == id));
        Assert.Equal(FileStoreKind.Database, nodeA.Services.GetRequiredService<IFileStore>().Kind);
        Assert.False(Directory.Exists(Path.Combine(nodeA.DataPath, "notices")));

        using var nodeB = Node(jobs: true);
        _ = nodeB.Services;
        Assert.True((await nodeA.StartAsync(id)).Succeeded);
        var progress = await nodeB.WaitCompletedAsync(id);

        Assert.Equal((3, 0), (progress.Sent, progress.Failed));
        Assert.Equal(3, server.Messages.Count);
        foreach (var message in server.Messages)
        {
            var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
            Assert.Equal(DeliverySiteFactory.PdfName, part.ContentDisposition?.FileName);
            using var content = new MemoryStream();
            await part.Content.DecodeToAsync(content);
            Assert.Equal("%PDF-1.4\n% Công văn thử\n"u8.ToArray(), content.ToArray());
            Assert.Equal(attachment.Size, content.Length);
        }
        Assert.Equal(recipients.Select(r => r.Email).Order(), server.Messages.Select(m => ((MailboxAddress)m.To.Single()).Address).Order());
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
