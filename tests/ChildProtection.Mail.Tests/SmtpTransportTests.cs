using MimeKit;
using SmtpServer.Protocol;

namespace ChildProtection.Mail.Tests;

/// <summary>Real SMTP over loopback: MailKit against the SmtpServer package.</summary>
public sealed class SmtpTransportTests : IDisposable
{
    private readonly MailHarness mail = new();

    [Fact]
    public async Task A_message_arrives_with_its_headers_parts_and_attachment_intact()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings() is var s ? WithReplyTo(s, "bvte@ldtbxh.example.gov.vn") : s);

        var result = await mail.Sender.SendAsync(MailHarness.Message(3, MailHarness.Pdf()));

        Assert.True(result.IsSent, result.ServerReply);
        var message = Assert.Single(server.Messages);
        Assert.Equal("notice-7.recipient-3@treem.example.gov.vn", message.MessageId);
        Assert.Equal(MailHarness.Message().Subject, message.Subject);
        var from = (MailboxAddress)message.From.Single();
        Assert.Equal(("vanthu@ldtbxh.example.gov.vn", "Phòng Lao động – Thương binh và Xã hội"), (from.Address, from.Name));
        var to = (MailboxAddress)message.To.Single();
        Assert.Equal(("hieutruong3@thcs-bachdang.example.edu.vn", "Trường THCS Bạch Đằng"), (to.Address, to.Name));
        Assert.Equal("bvte@ldtbxh.example.gov.vn", ((MailboxAddress)message.ReplyTo.Single()).Address);
        Assert.Contains("Đề nghị nhà trường", message.TextBody);
        Assert.Contains("<p>Kính gửi", message.HtmlBody);
        Assert.Equal("Công văn 123.pdf", Assert.Single(message.Attachments).ContentDisposition?.FileName);
    }

    [Fact]
    public async Task An_envelope_sender_goes_in_MAIL_FROM_while_the_From_header_stays_the_office()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings());
        var plain = MailHarness.Message(1);
        var tagged = new MailMessageSpec
        {
            MessageId = "notice-7.recipient-2@treem.example.gov.vn", To = plain.To, Subject = plain.Subject, TextBody = plain.TextBody,
            EnvelopeSender = "bounces+2-0-abcdefghijklm@ldtbxh.example.gov.vn",
        };

        await using (var batch = await mail.Sender.OpenBatchAsync())
        {
            Assert.True((await batch.SendAsync(tagged)).IsSent);
            Assert.True((await batch.SendAsync(plain)).IsSent);
        }

        Assert.Equal(["bounces+2-0-abcdefghijklm@ldtbxh.example.gov.vn", "vanthu@ldtbxh.example.gov.vn"], server.EnvelopeSenders.ToArray());
        Assert.All(server.Messages, m => Assert.Equal("vanthu@ldtbxh.example.gov.vn", ((MailboxAddress)m.From.Single()).Address));
    }

    [Fact]
    public async Task A_451_reply_is_a_transient_failure_with_the_servers_words()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(_ => new SmtpResponse((SmtpReplyCode)451, "4.7.1 Greylisted, try again later"));
        await mail.UseAsync(server.Settings());

        var result = await mail.Sender.SendAsync(MailHarness.Message());

        Assert.Equal(MailOutcome.TransientFailure, result.Outcome);
        Assert.Equal(451, result.StatusCode);
        Assert.Contains("Greylisted", result.ServerReply);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_550_reply_is_a_permanent_failure_with_the_servers_words()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(_ => new SmtpResponse((SmtpReplyCode)550, "5.1.1 Mailbox does not exist"));
        await mail.UseAsync(server.Settings());

        var result = await mail.Sender.SendAsync(MailHarness.Message());

        Assert.Equal(MailOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(550, result.StatusCode);
        Assert.Contains("5.1.1 Mailbox does not exist", result.ServerReply);
    }

    [Fact]
    public async Task A_stopped_server_is_a_transient_failure()
    {
        var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings());
        await server.DisposeAsync();

        var result = await mail.Sender.SendAsync(MailHarness.Message());

        Assert.Equal(MailOutcome.TransientFailure, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.ServerReply));
    }

    [Fact]
    public async Task A_batch_sends_many_messages_over_one_connection_and_goes_on_after_a_refused_one()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(n => n == 7 ? new SmtpResponse((SmtpReplyCode)550, "5.1.1 No such user") : SmtpResponse.Ok);
        await mail.UseAsync(server.Settings());

        var results = new List<MailResult>();
        await using (var batch = await mail.Sender.OpenBatchAsync())
            for (var n = 0; n < 40; n++) results.Add(await batch.SendAsync(MailHarness.Message(n)));

        Assert.Equal(MailOutcome.PermanentFailure, results[7].Outcome);
        Assert.Equal(39, results.Count(r => r.IsSent));
        Assert.Equal(39, server.Messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(1, server.SessionsUsed);
    }

    [Fact]
    public async Task The_stored_password_signs_in_and_a_wrong_one_is_not_a_permanent_failure()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(account: ("vanthu", "CorrectHorseBatteryStaple42"));
        var settings = server.Settings();
        settings.UserName = "vanthu";
        await mail.UseAsync(settings, "CorrectHorseBatteryStaple42");

        Assert.True((await mail.Sender.SendAsync(MailHarness.Message())).IsSent);

        await mail.UseAsync(settings, "wrong-password");
        var refused = await mail.Sender.SendAsync(MailHarness.Message(2));
        Assert.Equal(MailOutcome.TransientFailure, refused.Outcome);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task A_connection_dropped_inside_a_batch_gives_transient_results_not_exceptions()
    {
        var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings());

        await using var batch = await mail.Sender.OpenBatchAsync();
        Assert.True((await batch.SendAsync(MailHarness.Message(1))).IsSent);
        await server.DisposeAsync();

        Assert.Equal(MailOutcome.TransientFailure, (await batch.SendAsync(MailHarness.Message(2))).Outcome);
        Assert.Equal(MailOutcome.TransientFailure, (await batch.SendAsync(MailHarness.Message(3))).Outcome);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_transient_failure()
    {
        // Accepts the connection and says nothing: MailKit waits for the greeting until its timeout.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
            await mail.UseAsync(new SmtpSettings { Host = "127.0.0.1", Port = port, TlsMode = SmtpTlsMode.None, SenderAddress = "vanthu@example.gov.vn", TimeoutSeconds = 1 });

            var started = DateTime.UtcNow;
            var result = await mail.Sender.SendAsync(MailHarness.Message());

            Assert.Equal(MailOutcome.TransientFailure, result.Outcome);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the timeout must end the wait");
        }
        finally { silent.Stop(); }
    }

    private static SmtpSettings WithReplyTo(SmtpSettings settings, string address)
    {
        settings.ReplyToAddress = address;
        return settings;
    }

    public void Dispose() => mail.Dispose();
}
