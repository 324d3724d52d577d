using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace ChildProtection.Mail;

/// <summary>
/// The embedded default: every message becomes a .eml file in the outbox folder, which any mail
/// program opens. Written to a temporary name and then moved, so a reader never sees half a file.
/// </summary>
internal sealed class OutboxTransport(string folder, SmtpSettings settings, DkimSigner? signer = null) : IMailBatch
{
    public async Task<MailResult> SendAsync(MailMessageSpec spec, CancellationToken cancellationToken = default)
    {
        MimeMessage message;
        try { message = MimeMessageFactory.Create(spec, settings, signer); }
        catch (Exception e) when (e is ParseException or ArgumentException) { return MailResult.Permanent(e.Message); }
        // What the receiving server would add from MAIL FROM: the outbox file shows where bounces would go.
        if (spec.EnvelopeSender is { Length: > 0 } envelope) message.Headers.Insert(0, HeaderId.ReturnPath, "<" + envelope.Trim() + ">");

        Directory.CreateDirectory(folder);
        var name = FileName(DateTime.UtcNow, message.MessageId ?? spec.MessageId);
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await message.WriteToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(temporary, Path.Combine(folder, name), overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temporary);
            // A full disk or a locked folder may clear up; the ledger retries like an SMTP 4xx.
            return MailResult.Transient(e.Message);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        return MailResult.Sent(name);
    }

    /// <summary>UTC timestamp (sorts in sending order) plus the Message-ID reduced to characters safe on every file system.</summary>
    internal static string FileName(DateTime utc, string messageId)
    {
        var safe = new StringBuilder(messageId.Length);
        foreach (var c in messageId)
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : c == '@' ? "_at_" : "_");
        var id = safe.ToString(0, Math.Min(safe.Length, 150)).TrimStart('.');
        return $"{utc:yyyyMMdd'T'HHmmssfff'Z'}-{id}.eml";
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
