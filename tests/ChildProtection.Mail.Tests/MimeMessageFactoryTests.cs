using MimeKit;

namespace ChildProtection.Mail.Tests;

public sealed class MimeMessageFactoryTests
{
    private static MailMessageSpec Spec(MailAttachmentSpec attachment) => new()
    {
        MessageId = "notice-1.recipient-1@treem.example.gov.vn",
        To = new MailAddressSpec("hieutruong@thbachdang.example.edu.vn", "Trường Tiểu học Bạch Đằng"),
        Subject = "Công văn 2869/UBND-LĐTBXH",
        TextBody = "Kính gửi nhà trường.",
        Attachments = [attachment],
    };

    /// <summary>The part as written with LF (files) and with CRLF (SMTP, DKIM), each way MimeKit writes.</summary>
    private static async Task<string> AttachmentPartAsync(MimeMessage message)
    {
        var text = new System.Text.StringBuilder();
        foreach (var lineEnds in new[] { NewLineFormat.Unix, NewLineFormat.Dos })
        {
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = lineEnds;
            using var asynchronous = new MemoryStream();
            await Assert.Single(message.Attachments).WriteToAsync(options, asynchronous);
            using var synchronous = new MemoryStream();
            Assert.Single(message.Attachments).WriteTo(options, synchronous);
            Assert.Equal(asynchronous.ToArray(), synchronous.ToArray());
            text.Append(System.Text.Encoding.ASCII.GetString(asynchronous.ToArray())).Append("\n--\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task An_attachment_in_memory_is_encoded_once_and_written_exactly_as_from_a_stream()
    {
        var bytes = new byte[100_003];
        new Random(7).NextBytes(bytes);
        const string name = "Kế hoạch Tháng hành động vì trẻ em.pdf";
        var fromStream = MimeMessageFactory.Create(Spec(new MailAttachmentSpec(name, "application/pdf", () => new MemoryStream(bytes))), new SmtpSettings());
        var first = MimeMessageFactory.Create(Spec(MailAttachmentSpec.FromBytes(name, "application/pdf", bytes)), new SmtpSettings());
        var second = MimeMessageFactory.Create(Spec(MailAttachmentSpec.FromBytes(name, "application/pdf", bytes)), new SmtpSettings());

        var expected = await AttachmentPartAsync(fromStream);
        Assert.Equal(expected, await AttachmentPartAsync(first));
        Assert.Equal(expected, await AttachmentPartAsync(second));
        Assert.Contains("\r\n", expected);
        foreach (var message in new[] { first, second })
        {
            var part = Assert.IsAssignableFrom<MimePart>(Assert.Single(message.Attachments));
            Assert.Equal(name, part.FileName);
            Assert.Equal(ContentEncoding.Base64, part.ContentTransferEncoding);
            using var decoded = new MemoryStream();
            await part.Content!.DecodeToAsync(decoded);
            Assert.Equal(bytes, decoded.ToArray());
        }
    }
}
