using System.Net;
using System.Text;
using ChildProtection.Mail.Bounces;
using ChildProtection.Notices.Bounces;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using ChildProtection.Web.Tests;
using Hangfire;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// Bounces read back from a real IMAP server (Dovecot, started by tools/test.sh): a notice to the sample
/// directory's primary schools goes out with tagged return paths; an RFC 3464 report, an Exchange-style
/// plain-text bounce (matched by the quoted Message-ID), a delay, a forged tag and a broken message are
/// put into the mailbox; one poll marks the two permanent ones Bounced and flags their addresses, notes the
/// delay, ignores the forgery, survives the broken one — and a second poll does not take any of them again.
/// </summary>
public sealed class BounceMailboxTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private const string BounceAddress = "bounces@ldtbxh.example.gov.vn";

    [ImapFact]
    public async Task Bounces_in_the_mailbox_mark_rows_flag_addresses_and_later_notices_skip_them()
    {
        var imap = TestServices.Imap ?? throw new InvalidOperationException(TestServices.Require(TestServices.ImapVariable, "Dovecot"));
        // The test drives the poll itself: the five-minute schedule must not take the messages first.
        site.Factory.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(BouncePollJob.RecurringJobId);
        var folderName = "bounces-" + Guid.NewGuid().ToString("N")[..8];
        using (var client = await ConnectAsync(imap))
            await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folderName, true);

        // The settings through the mail page, and its mailbox test.
        var saved = await site.Admin.PostFormAsync("/admin/mail/bounce-mailbox?handler=Save", new()
        {
            ["BounceAddress"] = BounceAddress, ["ImapHost"] = imap.Host, ["ImapPort"] = imap.Port.ToString(), ["ImapTlsMode"] = "None",
            ["ImapUserName"] = imap.User, ["ImapPassword"] = imap.Password, ["ImapFolder"] = folderName,
        }, "/admin/mail");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var tested = await site.Admin.PostFormAsync("/admin/mail/bounce-mailbox?handler=Test", new(), "/admin/mail");
        Assert.Contains($"Đã kết nối và đăng nhập hộp thư: thư mục {folderName} có 0 thư.", WebUtility.HtmlDecode(await tested.Content.ReadAsStringAsync()));

        var applied = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.True(applied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        var primary = await WithAsync(sp => sp.GetRequiredService<IRecipientDirectory>().ListGroupsAsync()).ContinueWith(t => t.Result.Single(g => g.Name == "Tất cả trường tiểu học"));
        var id = await SendAndWaitAsync("801/UBND-LĐTBXH", primary.Id);

        var mails = Directory.GetFiles(Path.Combine(site.Factory.DataPath, "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.MessageId?.StartsWith($"notice-{id}.") == true).OrderBy(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(6, mails.Count);
        // Every message names its row in a signed return path under the bounce address.
        Assert.All(mails, m => Assert.Matches(@"^<bounces\+\d+-0-[a-z2-7]{13}@ldtbxh\.example\.gov\.vn>$", m.Headers[HeaderId.ReturnPath]));
        var (dsn, plain, delayed) = (mails[0], mails[1], mails[2]);
        string To(MimeMessage m) => m.To.Mailboxes.Single().Address;
        string ReturnPath(MimeMessage m) => m.Headers[HeaderId.ReturnPath].Trim('<', '>');

        using (var client = await ConnectAsync(imap))
        {
            var folder = await client.GetFolderAsync(folderName);
            foreach (var raw in new[]
            {
                Rfc3464(ReturnPath(dsn), To(dsn), dsn.MessageId, "failed", "5.1.1", "smtp; 550 5.1.1 <" + To(dsn) + ">: Recipient address rejected: User unknown in virtual mailbox table"),
                ExchangeStyle(To(plain), plain.MessageId),
                Rfc3464(ReturnPath(delayed), To(delayed), delayed.MessageId, "delayed", "4.2.2", "smtp; 452 4.2.2 Mailbox full"),
                Forged(ReturnPath(dsn)),
                "From: x@example.com\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: message/delivery-status\r\n\r\n\u0001\u0002 Status: 5.9.9.9.9\r\n--zz\r\nContent-Type: message/rfc822\r\n\r\n",
            })
                await folder.AppendAsync(new AppendRequest(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)))));
        }

        var first = await WithAsync(sp => sp.GetRequiredService<BouncePollJob>().RunAsync(CancellationToken.None));
        Assert.Equal((5, 2, 1, 1), (first.Read, first.Bounced, first.Delayed, first.BadSignature));

        var rows = await WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == id).ToDictionaryAsync(r => r.Email));
        Assert.Equal(DeliveryStatus.Bounced, rows[To(dsn)].Status);
        Assert.Contains("5.1.1", rows[To(dsn)].LastError);
        Assert.Contains("User unknown", rows[To(dsn)].LastError);
        Assert.Equal(DeliveryStatus.Bounced, rows[To(plain)].Status);
        Assert.Contains("RecipientNotFound", rows[To(plain)].LastError);
        // A delay is history, not state.
        Assert.Equal(DeliveryStatus.Sent, rows[To(delayed)].Status);
        var delayedId = rows[To(delayed)].Id;
        Assert.True(await WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.AnyAsync(a => a.RecipientId == delayedId && a.Detail.Contains("4.2.2"))));
        Assert.Equal(4, rows.Values.Count(r => r.Status == DeliveryStatus.Sent));

        var report = await site.Admin.GetStringAsync($"/admin/notices/{id}/report");
        Assert.Contains("data-count=\"Bounced\">2<", report);
        Assert.Contains("Bị trả lại", report);

        // The directory: flagged on the contact, listed for clean-up, skipped by the next notice.
        var list = WebUtility.HtmlDecode(await site.Admin.GetStringAsync("/admin/directory/undeliverable"));
        Assert.Contains(To(dsn), list);
        Assert.Contains(To(plain), list);
        Assert.DoesNotContain(To(delayed), list);
        var next = await CreateDraftAsync(site.Admin, "802/UBND-LĐTBXH", null, f => f.Set("Input.GroupIds", primary.Id.ToString()));
        var details = WebUtility.HtmlDecode(await site.Admin.GetStringAsync($"/admin/notices/{next}"));
        Assert.Contains("4 địa chỉ e-mail", details);
        Assert.Contains("2 địa chỉ bị bỏ qua vì thư gửi tới đó đã bị trả lại", details);
        Assert.Contains(To(dsn), details);

        // A second poll reads only what the first left (the forgery and the broken message) and changes nothing.
        var second = await WithAsync(sp => sp.GetRequiredService<BouncePollJob>().RunAsync(CancellationToken.None));
        Assert.Equal((2, 0, 0, 1), (second.Read, second.Bounced, second.Delayed, second.BadSignature));
        Assert.Equal(1, await WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.CountAsync(a => a.RecipientId == delayedId)));

        // Fixing the address on the clean-up page clears the flag: the next notice reaches it again.
        var dsnAddress = To(dsn);
        var emailId = await WithAsync(sp => sp.GetRequiredService<ChildProtection.Organisations.Data.DirectoryDbContext>().ContactEmails
            .Where(e => e.Normalized == dsnAddress).Select(e => e.Id).SingleAsync());
        var fixedAddress = "moi-" + To(dsn);
        var fix = await site.Admin.PostFormAsync("/admin/directory/undeliverable?handler=Fix", new() { ["emailId"] = emailId.ToString(), ["newAddress"] = fixedAddress });
        Assert.Equal(HttpStatusCode.Redirect, fix.StatusCode);
        var resolution = await WithAsync(sp => sp.GetRequiredService<IRecipientDirectory>().ResolveAsync(new RecipientSelection([primary.Id], []), DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7))));
        Assert.Contains(resolution.Recipients, r => r.Email == fixedAddress);
        Assert.Single(resolution.Undeliverable);
    }

    private async Task<int> SendAndWaitAsync(string number, int groupId)
    {
        var id = await CreateDraftAsync(site.Admin, number, null, f => f.Set("Input.GroupIds", groupId.ToString()));
        var version = await WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().Notices.Where(n => n.Id == id).Select(n => n.Version).FirstAsync());
        var sent = await site.Admin.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version.ToString(), ["when"] = "now" }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().Notices.Where(n => n.Id == id).Select(n => n.Status).FirstAsync()) != NoticeStatus.Completed && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return id;
    }

    private static async Task<ImapClient> ConnectAsync((string Host, int Port, string User, string Password) imap)
    {
        var client = new ImapClient();
        await client.ConnectAsync(imap.Host, imap.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(imap.User, imap.Password);
        return client;
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = site.Factory.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A Postfix-style delivery status notification, sent (as bounces are) to the message's return path.</summary>
    private static string Rfc3464(string returnPath, string recipient, string messageId, string action, string status, string diagnostic) => $"""
        Return-Path: <>
        Delivered-To: {returnPath}
        From: MAILER-DAEMON@mx.example.edu.vn (Mail Delivery System)
        To: {returnPath}
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <{Guid.NewGuid():N}@mx.example.edu.vn>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

        --B1
        Content-Type: text/plain; charset=us-ascii

        This is the mail system at host mx.example.edu.vn.
        I'm sorry to have to inform you that your message could not be delivered to one or more recipients.

        --B1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.edu.vn

        Final-Recipient: rfc822; {recipient}
        Original-Recipient: rfc822;{recipient}
        Action: {action}
        Status: {status}
        Remote-MTA: dns; mail.example.edu.vn
        Diagnostic-Code: {diagnostic}

        --B1
        Content-Type: text/rfc822-headers

        Return-Path: <{returnPath}>
        Message-ID: <{messageId}>
        To: {recipient}
        Subject: Notice

        --B1--

        """.Replace("\n", "\r\n");

    /// <summary>An Exchange-style bounce in plain text to the bare bounce address (a server that dropped the tag): only the quoted Message-ID tells which delivery it was.</summary>
    private static string ExchangeStyle(string recipient, string messageId) => $"""
        From: postmaster@truong.example.edu.vn
        To: {BounceAddress}
        Subject: Undeliverable: Notice
        Content-Type: text/plain; charset=utf-8

        Delivery has failed to these recipients or groups:

        {recipient}
        The e-mail address you entered couldn't be found.

        Diagnostic information for administrators:
        Generating server: mx.truong.example.edu.vn
        Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

        Original message headers:
        Message-ID: <{messageId}>
        Subject: Notice

        """.Replace("\n", "\r\n");

    /// <summary>A bounce to a return path whose tag names a real row with a made-up signature.</summary>
    private static string Forged(string returnPath)
    {
        var forged = System.Text.RegularExpressions.Regex.Replace(returnPath, @"-[a-z2-7]{13}@", "-aaaaaaaaaaaaa@");
        return $"From: postmaster@example.com\r\nTo: {forged}\r\nSubject: failure notice\r\n\r\nHi. This is the qmail-send program.\r\nI'm afraid I wasn't able to deliver your message.\r\nThis is a permanent error; I've given up.\r\n550 5.1.1 user unknown\r\n";
    }
}
