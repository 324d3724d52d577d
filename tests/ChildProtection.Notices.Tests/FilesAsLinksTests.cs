using System.Net;
using ChildProtection.Notices.Delivery;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChildProtection.Notices.Tests;

/// <summary>Files above the size in the delivery settings go as personal download links, counted per recipient in the report.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class FilesAsLinksTests(DeliverySite site) : IClassFixture<DeliverySite>
{
    private DeliverySiteFactory Site => site.Factory;

    private Task SetLinksAboveAsync(int megabytes) => Site.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().SaveAsync(new DeliverySettings
    {
        Connections = 2, ClaimSize = 20, BackoffBaseSeconds = 1, AttachmentLinksAboveMegabytes = megabytes,
    }));

    [Fact]
    public async Task Above_the_size_the_mail_carries_a_personal_link_per_file_and_a_download_is_counted_once_per_recipient()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await Site.UseSmtpAsync(server);
        // 0 MB: any file is above it.
        await SetLinksAboveAsync(0);
        try
        {
            var (group, recipients) = Site.Directory.AddSchools(3);
            var id = await Site.CreateNoticeAsync(group);
            var details = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/notices/{id}"));
            Assert.Contains("mỗi thư mang đường dẫn tải riêng cho từng tệp", details);

            Assert.True((await Site.StartAsync(id)).Succeeded);
            await Site.WaitCompletedAsync(id);

            var attachmentId = await Site.WithAsync(sp => sp.GetRequiredService<Data.NoticesDbContext>().NoticeAttachments.Where(a => a.NoticeId == id).Select(a => a.Id).SingleAsync());
            var messages = server.Messages.Where(m => m.MessageId.StartsWith($"notice-{id}.", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, messages.Count);
            var links = new List<string>();
            foreach (var m in messages)
            {
                Assert.Empty(m.Attachments);
                Assert.Contains(DeliverySiteFactory.PdfName, m.TextBody);
                Assert.Contains(DeliverySiteFactory.PdfName, WebUtility.HtmlDecode(m.HtmlBody));
                Assert.Contains("(1 KB)", m.TextBody);
                var link = m.TextBody.Split('\n').Select(l => l.Trim()).Single(l => l.EndsWith(NoticeMessageComposer.FilePath + attachmentId, StringComparison.Ordinal));
                Assert.StartsWith(DeliverySiteFactory.LinkBase + NoticeMessageComposer.AcknowledgementPath, link);
                Assert.Contains("href=\"" + link + "\"", m.HtmlBody);
                links.Add(link);
            }
            Assert.Equal(3, links.Distinct().Count());

            // The first recipient downloads twice, the second once; the third not at all.
            using var browser = Site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            foreach (var link in new[] { links[0], links[0], links[1] })
            {
                var response = await browser.GetAsync(new Uri(link).PathAndQuery);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("%PDF-1.4", await response.Content.ReadAsStringAsync());
            }
            var downloads = await Site.WithAsync(sp => sp.GetRequiredService<Data.NoticesDbContext>().NoticeFileDownloads.AsNoTracking().Where(d => d.NoticeId == id).ToListAsync());
            Assert.Equal(2, downloads.Count);
            Assert.All(downloads, d => Assert.Equal(attachmentId, d.AttachmentId));
            // Downloading does not acknowledge.
            Assert.All(await Site.RowsAsync(id), r => Assert.Null(r.AcknowledgedUtc));

            var report = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/notices/{id}/report"));
            Assert.Contains("Lượt tải theo tệp", report);
            Assert.Contains("2 trên 3 đã gửi (67%)", report);
            var csv = await site.Admin.GetStringAsync($"/admin/notices/{id}/report?handler=Csv");
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.EndsWith("Tệp đã tải", lines[0]);
            var downloaded = (await Site.RowsAsync(id)).Where(r => downloads.Any(d => d.RecipientId == r.Id)).Select(r => r.Email).ToList();
            Assert.All(lines.Skip(1), l => Assert.Equal(downloaded.Any(e => l.Contains(e)), l.Contains(DeliverySiteFactory.PdfName)));
        }
        finally
        {
            await Site.SetDeliveryAsync();
        }
    }

    [Fact]
    public async Task At_or_below_the_size_the_files_stay_attached()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await Site.UseSmtpAsync(server);
        await SetLinksAboveAsync(2);
        var (group, _) = Site.Directory.AddSchools(2);
        var id = await Site.CreateNoticeAsync(group);
        Assert.Contains("được đính kèm vào từng thư", WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/notices/{id}")));

        Assert.True((await Site.StartAsync(id)).Succeeded);
        await Site.WaitCompletedAsync(id);

        var messages = server.Messages.Where(m => m.MessageId.StartsWith($"notice-{id}.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal(DeliverySiteFactory.PdfName, Assert.Single(m.Attachments).ContentDisposition?.FileName);
            Assert.DoesNotContain(NoticeMessageComposer.FilePath, m.TextBody);
        });
    }
}
