using MimeKit;

namespace ChildProtection.Mail.Tests;

public sealed class OutboxTransportTests : IDisposable
{
    private readonly MailHarness mail = new();

    [Fact]
    public async Task Without_an_smtp_host_a_message_becomes_a_parseable_eml_file_in_the_outbox()
    {
        var result = await mail.Sender.SendAsync(MailHarness.Message(1, MailHarness.Pdf()));

        Assert.Equal(MailOutcome.Sent, result.Outcome);
        var file = Assert.Single(Directory.GetFiles(mail.OutboxPath));
        Assert.EndsWith(".eml", file);
        Assert.Contains("notice-7.recipient-1_at_treem.example.gov.vn", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("notice-7.recipient-1@treem.example.gov.vn", message.MessageId);
        Assert.Equal(MailHarness.Message(1).Subject, message.Subject);
        Assert.Equal("Trường THCS Bạch Đằng", ((MailboxAddress)message.To.Single()).Name);
        Assert.Equal(MimeMessageFactory.FallbackSender, ((MailboxAddress)message.From.Single()).Address);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("Công văn 123.pdf", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal("%PDF-1.4 test document"u8.ToArray(), content.ToArray());
        Assert.Contains("Đề nghị nhà trường", message.TextBody);
        Assert.Contains("<p>Kính gửi", message.HtmlBody);
        Assert.Contains("filename*=utf-8''", await File.ReadAllTextAsync(file), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Vietnamese_headers_are_written_as_utf8_encoded_words_not_raw_bytes()
    {
        await mail.Sender.SendAsync(MailHarness.Message());

        var raw = await File.ReadAllBytesAsync(Directory.GetFiles(mail.OutboxPath).Single());
        var headerEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8) is var i and > 0 ? i : raw.AsSpan().IndexOf("\n\n"u8);
        var headers = raw.AsSpan(0, headerEnd);
        Assert.True(headers.IndexOfAnyExceptInRange((byte)0, (byte)127) < 0, "headers must be 7-bit");
        Assert.Contains("Subject: =?utf-8?", System.Text.Encoding.ASCII.GetString(headers), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Nothing_but_finished_files_is_left_in_the_outbox()
    {
        for (var n = 0; n < 5; n++) Assert.True((await mail.Sender.SendAsync(MailHarness.Message(n))).IsSent);

        var files = Directory.GetFiles(mail.OutboxPath);
        Assert.Equal(5, files.Length);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
    }

    [Fact]
    public void File_names_keep_only_safe_characters_and_sort_by_time()
    {
        var name = OutboxTransport.FileName(new DateTime(2026, 11, 29, 10, 5, 3, 42, DateTimeKind.Utc), "../a b/c\\d:<x>*?\"|@host");

        Assert.StartsWith("20261129T100503042Z-", name);
        Assert.Matches("^[A-Za-z0-9._-]+$", name);
        Assert.DoesNotContain("..", name);
    }

    [Fact]
    public async Task Mail_status_reports_the_outbox_until_an_smtp_host_is_saved()
    {
        Assert.True(await mail.Status.IsOutboxOnlyAsync());
        Assert.Equal(Path.Combine(mail.Paths.DataPath, "outbox"), mail.Status.OutboxPath);

        await mail.UseAsync(new SmtpSettings { Host = "smtp.example.gov.vn", SenderAddress = "vanthu@example.gov.vn" });

        Assert.False(await mail.Status.IsOutboxOnlyAsync());
    }

    [Fact]
    public async Task A_message_without_a_message_id_is_refused_for_good()
    {
        var message = MailHarness.Message();
        var result = await mail.Sender.SendAsync(new MailMessageSpec { MessageId = " ", To = message.To, Subject = message.Subject, TextBody = message.TextBody });

        Assert.Equal(MailOutcome.PermanentFailure, result.Outcome);
    }

    public void Dispose() => mail.Dispose();
}
