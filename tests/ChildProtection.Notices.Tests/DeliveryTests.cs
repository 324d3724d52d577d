using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Notices.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The whole pipeline on one site: ledger, Hangfire lanes, MailKit, a real SMTP server on 127.0.0.1. Each
/// test makes its own notice and server; they share the site's SMTP and delivery settings, so they run in
/// order, and each ends with its notice finished or cancelled.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class DeliveryTests(DeliverySite site) : IClassFixture<DeliverySite>
{
    private DeliverySiteFactory Site => site.Factory;

    [Fact]
    public async Task A_notice_to_500_recipients_arrives_exactly_once_each_with_its_headers_and_pdf()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync(connections: 3);
        var (group, recipients) = Site.Directory.AddSchools(500);
        var id = await Site.CreateNoticeAsync(group);

        var started = await Site.StartAsync(id);

        Assert.True(started.Succeeded, started.Error);
        Assert.Equal(500, started.Affected);
        var progress = await Site.WaitCompletedAsync(id);
        Assert.Equal((500, 500, 0, 0), (progress.Total, progress.Sent, progress.Failed, progress.Queued + progress.Sending));
        Assert.Equal(100, progress.PercentDone);

        var messages = server.Messages.ToList();
        Assert.Equal(500, messages.Count);
        var rows = (await Site.RowsAsync(id)).ToDictionary(r => r.Email);
        var byAddress = messages.ToDictionary(m => ((MailboxAddress)m.To.Single()).Address); // throws on a duplicate
        var siteId = await Site.WithAsync(sp => sp.GetRequiredService<ChildProtection.Core.Settings.ISiteIdentity>().GetSiteIdAsync().AsTask());
        foreach (var r in recipients)
        {
            var m = byAddress[r.Email];
            var row = rows[r.Email];
            Assert.Equal(NoticeMessageComposer.MessageIdFor(siteId, id, row.Id, NoticeMessageKind.Notice, 0, DeliverySiteFactory.LinkBase), m.MessageId);
            Assert.Equal(r.ContactName, ((MailboxAddress)m.To.Single()).Name);
            Assert.Equal(DeliverySiteFactory.Subject, m.Subject);
            Assert.Equal(DeliverySiteFactory.ReplyTo, ((MailboxAddress)m.ReplyTo.Single()).Address);
            Assert.Equal(DeliverySiteFactory.PdfName, Assert.Single(m.Attachments).ContentDisposition?.FileName);
            Assert.Contains(r.OrganisationName, m.TextBody);
            Assert.Contains(DeliverySiteFactory.LinkBase + NoticeMessageComposer.AcknowledgementPath, m.HtmlBody);
            Assert.Equal(DeliveryStatus.Sent, row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.NotNull(row.SentUtc);
            Assert.False(string.IsNullOrEmpty(row.ServerReply));
            Assert.Null(row.ClaimedBy);
        }
        // The Vietnamese subject travels as RFC 2047 encoded words, not raw 8-bit.
        Assert.Contains("=?utf-8?", RawSubject(messages[0]), StringComparison.OrdinalIgnoreCase);
        // Connections are held for many messages: far fewer sessions than messages.
        Assert.InRange(server.SessionsUsed, 1, 30);

        var events = await Site.EventsAsync(id);
        Assert.Single(events, e => e.Action == DeliveryActions.SendStarted && e.Actor == "guicongvan");
        Assert.Single(events, e => e.Action == DeliveryActions.Completed);
        // Who receives is decided on the day of sending in the site's zone (Asia/Ho_Chi_Minh).
        Assert.Equal(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Ho_Chi_Minh")), Site.Directory.LastAsOf);
    }

    private static string RawSubject(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.Headers.WriteTo(stream);
        var raw = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return raw.Split('\n').First(l => l.StartsWith("Subject:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_twice_at_once_writes_the_ledger_once_and_sends_once()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync();
        var (group, _) = Site.Directory.AddSchools(60);
        var id = await Site.CreateNoticeAsync(group);

        var results = await Task.WhenAll(Site.StartAsync(id), Site.StartAsync(id), Site.StartAsync(id));
        var again = await Site.StartAsync(id);

        Assert.All(results.Append(again), r => Assert.True(r.Succeeded, r.Error));
        Assert.Equal(60, results.Sum(r => r.Affected));
        await Site.WaitCompletedAsync(id);
        Assert.Equal(60, (await Site.RowsAsync(id)).Count);
        Assert.Single(await Site.EventsAsync(id), e => e.Action == DeliveryActions.SendStarted);
        Assert.Equal(60, server.Messages.Count);
        Assert.Equal(60, server.Messages.Select(m => m.MessageId).Distinct().Count());
        // Completed notices stay completed when asked again.
        Assert.True((await Site.StartAsync(id)).Succeeded);
        Assert.Equal(60, (await Site.RowsAsync(id)).Count);
    }

    [Fact]
    public async Task A_server_answering_451_at_first_still_ends_fully_delivered()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(n => n < 25
            ? new SmtpResponse((SmtpReplyCode)451, "4.7.1 Greylisted, please try again later")
            : SmtpResponse.Ok);
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync(claimSize: 10);
        var (group, _) = Site.Directory.AddSchools(40);
        var id = await Site.CreateNoticeAsync(group);

        Assert.True((await Site.StartAsync(id)).Succeeded);
        var progress = await Site.WaitCompletedAsync(id);

        Assert.Equal((40, 0), (progress.Sent, progress.Failed));
        Assert.Equal(40, server.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(40, server.Messages.Count);
        var rows = await Site.RowsAsync(id);
        Assert.Equal(65, rows.Sum(r => r.Attempts));
        var retried = rows.Where(r => r.Attempts > 1).ToList();
        Assert.NotEmpty(retried);
        // Delivered is the rows' state; the 451s are their history, one entry per attempt that failed.
        Assert.All(retried, r => Assert.Equal((DeliveryStatus.Sent, null), (r.Status, r.LastError)));
        var history = await Site.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.AsNoTracking().Where(a => a.NoticeId == id).ToListAsync());
        Assert.Equal(25, history.Count);
        Assert.All(retried, r => Assert.Equal(r.Attempts - 1, history.Count(a => a.RecipientId == r.Id && a.Detail.Contains("Greylisted"))));

        var report = await site.Admin.GetStringAsync($"/admin/notices/{id}/report?q={Uri.EscapeDataString(retried[0].Email)}");
        var reason = Cell(report, "reason");
        Assert.DoesNotContain("Greylisted", reason);
        Assert.Contains("Đã gửi", report);
        Assert.Contains("Greylisted", Cell(report, "history"));
        Assert.Contains("Các lần gửi trước", report);
    }

    /// <summary>The inner text of the first report cell with that class.</summary>
    private static string Cell(string html, string cssClass)
    {
        var start = html.IndexOf($"<td class=\"{cssClass}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {cssClass} cell");
        return html[start..html.IndexOf("</td>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_550_for_one_recipient_fails_that_row_with_the_reason_and_the_rest_arrive()
    {
        var (group, recipients) = Site.Directory.AddSchools(30);
        var refused = recipients[6].Email;
        await using var server = await LoopbackSmtpServer.StartAnsweringAsync(call => call.Recipients.Contains(refused)
            ? new SmtpResponse((SmtpReplyCode)550, "5.1.1 Hop thu khong ton tai")
            : SmtpResponse.Ok);
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync();
        var id = await Site.CreateNoticeAsync(group);

        Assert.True((await Site.StartAsync(id)).Succeeded);
        var progress = await Site.WaitCompletedAsync(id);

        Assert.Equal((29, 1), (progress.Sent, progress.Failed));
        var failed = Assert.Single(await Site.RowsAsync(id), r => r.Status == DeliveryStatus.Failed);
        Assert.Equal(refused, failed.Email);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("5.1.1 Hop thu khong ton tai", failed.LastError);
        Assert.Contains("550", failed.ServerReply);
        Assert.Equal(29, server.Messages.Count);
        Assert.Equal(1, server.Offered - server.Messages.Count);

        // The report says the refusal once: its reason is the server's reply.
        var report = await site.Admin.GetStringAsync($"/admin/notices/{id}/report?q={Uri.EscapeDataString(refused)}");
        Assert.Contains(refused, report);
        Assert.Equal(1, report.Split("Hop thu khong ton tai").Length - 1);
    }

    [Fact]
    public async Task The_smtp_server_stopping_mid_notice_and_coming_back_ends_fully_delivered()
    {
        var first = await LoopbackSmtpServer.StartAsync();
        first.Delay = TimeSpan.FromMilliseconds(15);
        await Site.UseSmtpAsync(first);
        await Site.SetDeliveryAsync(claimSize: 10);
        var (group, recipients) = Site.Directory.AddSchools(200);
        var id = await Site.CreateNoticeAsync(group);

        Assert.True((await Site.StartAsync(id)).Succeeded);
        await Site.WaitForAsync(id, p => p.Sent >= 30);
        await first.StopAsync();
        // Lanes meet refused connections and back off.
        await Site.WaitForRowsAsync(id, rows => rows.Any(r => r.Status == DeliveryStatus.Queued && r.Attempts > 0 && r.NextAttemptUtc is not null));

        await using var second = await LoopbackSmtpServer.StartAsync(port: first.Port);
        var progress = await Site.WaitCompletedAsync(id);

        Assert.True(progress.Failed == 0, string.Join("\n", (await Site.RowsAsync(id)).Where(r => r.Status == DeliveryStatus.Failed).Select(r => $"{r.Attempts} {r.LastError} | {r.ServerReply}")));
        Assert.Equal(200, progress.Sent);
        var received = first.Messages.Concat(second.Messages).Select(m => ((MailboxAddress)m.To.Single()).Address).ToList();
        Assert.Equal(recipients.Select(r => r.Email).Order(), received.Distinct().Order());
        // A message accepted just as the server went down may come again: at most the messages in flight.
        Assert.InRange(received.Count, 200, 200 + 2);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Pause_stops_sending_resume_goes_on_and_cancel_stops_for_good()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.Delay = TimeSpan.FromMilliseconds(20);
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync(claimSize: 5);
        var (group, _) = Site.Directory.AddSchools(300);
        var id = await Site.CreateNoticeAsync(group);
        Assert.True((await Site.StartAsync(id)).Succeeded);
        await Site.WaitForAsync(id, p => p.Sent >= 20);

        Assert.True((await Site.CommandAsync(d => d.PauseAsync(id, "duyetcongvan"))).Succeeded);
        Assert.True((await Site.CommandAsync(d => d.PauseAsync(id, "duyetcongvan"))).Succeeded); // twice is fine
        await Site.WaitForAsync(id, p => p.Sending == 0, 60);
        // Lanes stop at their next check; after that nothing moves.
        await Task.Delay(1500);
        var paused = await Site.ProgressAsync(id);
        await Task.Delay(1500);
        var stillPaused = await Site.ProgressAsync(id);
        Assert.Equal(NoticeStatus.Paused, stillPaused.Status);
        Assert.Equal((paused.Sent, 0), (stillPaused.Sent, stillPaused.Sending));
        Assert.Equal(paused.Sent, server.Messages.Count);
        Assert.True(paused.Queued > 0);

        Assert.True((await Site.CommandAsync(d => d.ResumeAsync(id, "duyetcongvan"))).Succeeded);
        await Site.WaitForAsync(id, p => p.Sent >= paused.Sent + 20);

        var cancelled = await Site.CommandAsync(d => d.CancelAsync(id, "duyetcongvan"));
        Assert.True(cancelled.Succeeded, cancelled.Error);
        var final = await Site.WaitForAsync(id, p => p.Sending == 0 && p.Queued == 0, 60);
        await Task.Delay(1000);
        final = await Site.ProgressAsync(id);
        Assert.Equal(NoticeStatus.Cancelled, final.Status);
        Assert.True(final.Cancelled > 0);
        Assert.Equal(300, final.Sent + final.Cancelled);
        // What the ledger calls sent is exactly what the server got.
        Assert.Equal(final.Sent, server.Messages.Count);
        Assert.Equal(final.Sent, server.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.False((await Site.CommandAsync(d => d.ResumeAsync(id, "duyetcongvan"))).Succeeded);

        var actions = (await Site.EventsAsync(id)).Select(e => e.Action).ToList();
        Assert.Equal([DeliveryActions.SendStarted, DeliveryActions.Paused, DeliveryActions.Resumed, DeliveryActions.Cancelled], actions);
    }

    [Fact]
    public async Task Resend_failed_sends_again_to_the_failed_rows_only()
    {
        var (group, recipients) = Site.Directory.AddSchools(25);
        var refusedOnce = new HashSet<string> { recipients[2].Email, recipients[11].Email, recipients[20].Email };
        var refusing = true;
        await using var server = await LoopbackSmtpServer.StartAnsweringAsync(call => refusing && call.Recipients.Any(refusedOnce.Contains)
            ? new SmtpResponse((SmtpReplyCode)550, "5.2.2 Mailbox full")
            : SmtpResponse.Ok);
        await Site.UseSmtpAsync(server);
        await Site.SetDeliveryAsync();
        var id = await Site.CreateNoticeAsync(group);
        Assert.True((await Site.StartAsync(id)).Succeeded);
        var first = await Site.WaitCompletedAsync(id);
        Assert.Equal((22, 3), (first.Sent, first.Failed));
        Assert.False((await Site.CommandAsync(d => d.PauseAsync(id, "guicongvan"))).Succeeded);

        refusing = false;
        var resend = await Site.CommandAsync(d => d.ResendFailedAsync(id, "guicongvan"));

        Assert.True(resend.Succeeded, resend.Error);
        Assert.Equal(3, resend.Affected);
        var second = await Site.WaitCompletedAsync(id);
        Assert.Equal((25, 0), (second.Sent, second.Failed));
        Assert.Equal(25, server.Messages.Count);
        Assert.Equal(recipients.Select(r => r.Email).Order(), server.Messages.Select(m => ((MailboxAddress)m.To.Single()).Address).Order());
        Assert.Equal(2, (await Site.EventsAsync(id)).Count(e => e.Action == DeliveryActions.Completed));
        Assert.Single(await Site.EventsAsync(id), e => e.Action == DeliveryActions.ResendFailed);
        Assert.Equal(DeliveryErrors.NothingFailed, (await Site.CommandAsync(d => d.ResendFailedAsync(id, "guicongvan"))).Error);
    }

    [Fact]
    public async Task Without_smtp_the_messages_land_in_the_outbox_through_the_same_ledger()
    {
        await Site.UseOutboxAsync();
        await Site.SetDeliveryAsync();
        var (group, recipients) = Site.Directory.AddSchools(30);
        var id = await Site.CreateNoticeAsync(group);

        Assert.True((await Site.StartAsync(id)).Succeeded);
        var progress = await Site.WaitCompletedAsync(id);

        Assert.Equal(30, progress.Sent);
        var files = Directory.GetFiles(Path.Combine(Site.DataPath, "outbox"), $"*notice-{id}.*.eml");
        Assert.Equal(30, files.Length);
        var to = files.Select(f => ((MailboxAddress)MimeMessage.Load(f).To.Single()).Address).Order();
        Assert.Equal(recipients.Select(r => r.Email).Order(), to);
        // The ledger keeps which file each message became.
        Assert.All(await Site.RowsAsync(id), r => Assert.EndsWith(".eml", r.ServerReply));
    }

    [Fact]
    public async Task A_notice_that_needs_approval_does_not_start_without_a_second_person()
    {
        await Site.UseOutboxAsync();
        var (group, _) = Site.Directory.AddSchools(3);
        var selfApproved = await Site.CreateNoticeAsync(group, n => { n.RequiresApproval = true; n.ApprovedBy = "guicongvan"; });
        var unapproved = await Site.CreateNoticeAsync(group, n => n.RequiresApproval = true);
        var approved = await Site.CreateNoticeAsync(group, n => { n.RequiresApproval = true; n.ApprovedBy = "duyetcongvan"; });

        Assert.Equal(DeliveryErrors.NotApproved, (await Site.StartAsync(selfApproved)).Error);
        Assert.Equal(DeliveryErrors.NotApproved, (await Site.StartAsync(unapproved)).Error);
        Assert.Empty(await Site.RowsAsync(unapproved));
        Assert.True((await Site.StartAsync(approved)).Succeeded);
        await Site.WaitCompletedAsync(approved);
    }

    [Fact]
    public async Task An_organisation_no_longer_valid_chosen_directly_is_refused_with_its_successor()
    {
        var (group, _) = Site.Directory.AddSchools(3);
        Site.Directory.Invalid[777] = new Organisations.RefusedOrganisation(777, "P-PNL", "UBND Phường Phạm Ngũ Lão", 778, "UBND Phường Bến Thành", null);
        var id = await Site.CreateNoticeAsync(group, organisations: [777]);

        var result = await Site.StartAsync(id);

        Assert.False(result.Succeeded);
        Assert.Equal(DeliveryErrors.InvalidOrganisations, result.Error);
        Assert.Contains("UBND Phường Bến Thành", result.Detail);
        Assert.Empty(await Site.RowsAsync(id));
        Assert.Equal(NoticeStatus.Draft, (await Site.ProgressAsync(id)).Status);
    }

    [Fact]
    public async Task A_notice_scheduled_for_later_waits_then_goes()
    {
        await Site.UseOutboxAsync();
        await Site.SetDeliveryAsync();
        var (group, _) = Site.Directory.AddSchools(5);
        var id = await Site.CreateNoticeAsync(group, n => n.ScheduledUtc = DateTime.UtcNow.AddSeconds(4));

        var result = await Site.StartAsync(id);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(NoticeStatus.Scheduled, (await Site.ProgressAsync(id)).Status);
        Assert.Empty(await Site.RowsAsync(id));
        Assert.True((await Site.StartAsync(id)).Succeeded); // asking again changes nothing
        var progress = await Site.WaitCompletedAsync(id);
        Assert.Equal(5, progress.Sent);
        var actions = (await Site.EventsAsync(id)).Select(e => e.Action).ToList();
        Assert.Equal([DeliveryActions.SendScheduled, DeliveryActions.SendStarted, DeliveryActions.Completed], actions);
    }

    [Fact]
    public async Task A_rate_limit_is_kept_across_lanes()
    {
        await Site.UseOutboxAsync();
        // 600 a minute = one message every 100 ms for the whole process, however many lanes.
        await Site.SetDeliveryAsync(connections: 3, rate: 600);
        var (group, _) = Site.Directory.AddSchools(12);
        var id = await Site.CreateNoticeAsync(group);

        Assert.True((await Site.StartAsync(id)).Succeeded);
        await Site.WaitCompletedAsync(id);

        // Send times come from the ledger, not the test's clock: consecutive sends are spaced by the limiter.
        var sent = (await Site.RowsAsync(id)).Select(r => r.LastAttemptUtc!.Value).Order().ToList();
        Assert.True(sent[^1] - sent[0] >= TimeSpan.FromMilliseconds(100 * (sent.Count - 1) * 0.5), $"12 sends took {sent[^1] - sent[0]}");
        await Site.SetDeliveryAsync();
    }
}
