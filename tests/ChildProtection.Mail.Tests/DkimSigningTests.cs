using System.Security.Cryptography;
using ChildProtection.Mail.Dkim;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using MimeKit.Cryptography;

namespace ChildProtection.Mail.Tests;

/// <summary>
/// DKIM on the way out: messages received by a real SMTP server (and outbox files) carry a signature
/// that MimeKit's verifier accepts against the DNS record the settings page shows, and rejects once
/// a signed header or the body is changed.
/// </summary>
public sealed class DkimSigningTests : IDisposable
{
    private readonly MailHarness mail = new();

    [Fact]
    public async Task A_message_received_over_smtp_verifies_against_the_published_record_and_a_changed_one_does_not()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings());
        var record = await SignWithNewKeyAsync("ldtbxh.example.gov.vn", "cp2026");

        var result = await mail.Sender.SendAsync(MailHarness.Message(5, MailHarness.Pdf()));

        Assert.True(result.IsSent, result.ServerReply);
        var received = Assert.Single(server.Messages);
        var signature = Assert.Single(received.Headers, h => h.Id == HeaderId.DkimSignature);
        Assert.Contains("d=ldtbxh.example.gov.vn", signature.Value);
        Assert.Contains("s=cp2026", signature.Value);
        Assert.Contains("c=relaxed/relaxed", signature.Value);
        Assert.True(await VerifyAsync(received, record), "the signature of the received message does not verify");

        // The same check must fail when what the signature covers changes: a forged subject, a changed body.
        var forged = Reload(received);
        forged.Subject = "Công văn giả mạo";
        Assert.False(await VerifyAsync(forged, record));
        var edited = Reload(received);
        edited.BodyParts.OfType<TextPart>().First().Text = "Nội dung đã bị sửa.";
        Assert.False(await VerifyAsync(edited, record));
        Assert.True(await VerifyAsync(Reload(received), record));
    }

    [Fact]
    public async Task Outbox_files_are_signed_too_and_a_record_of_another_key_does_not_verify_them()
    {
        var record = await SignWithNewKeyAsync("ldtbxh.example.gov.vn", "cp2026");

        Assert.True((await mail.Sender.SendAsync(MailHarness.Message(6))).IsSent);

        var file = Assert.Single(Directory.GetFiles(mail.OutboxPath, "*.eml"));
        var written = MimeMessage.Load(file);
        Assert.True(await VerifyAsync(written, record));
        Assert.False(await VerifyAsync(written, DkimKeys.RecordValue(DkimKeys.Generate(1024).PublicKey)));
    }

    [Fact]
    public async Task Nothing_is_signed_until_signing_is_on_with_a_domain_selector_and_key()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        await mail.UseAsync(server.Settings());
        await mail.Dkim.SaveKeyAsync(DkimKeys.Generate(1024), DateTime.UtcNow);
        await mail.Dkim.SaveAsync(new DkimSettings { Enabled = false, Domain = "ldtbxh.example.gov.vn", Selector = "cp2026" } is var off ? Keep(off) : off);

        Assert.True((await mail.Sender.SendAsync(MailHarness.Message(1))).IsSent);

        Assert.DoesNotContain(Assert.Single(server.Messages).Headers, h => h.Id == HeaderId.DkimSignature);
    }

    [Fact]
    public async Task The_private_key_is_stored_only_encrypted_and_lost_protection_keys_send_unsigned_rather_than_fail()
    {
        var key = DkimKeys.Generate(1024);
        await mail.Dkim.SaveKeyAsync(key, DateTime.UtcNow);
        await mail.Dkim.SaveAsync(Keep(new DkimSettings { Enabled = true, Domain = "ldtbxh.example.gov.vn", Selector = "cp2026" }));

        var stored = mail.Documents.Raw(DkimSettings.DocumentName)!;
        var body = key.PrivateKeyPem.Split('\n')[1];
        Assert.DoesNotContain("PRIVATE KEY", stored);
        Assert.DoesNotContain(body, stored);

        // A data folder restored without its protection keys: another key ring cannot read the cipher text.
        var elsewhere = new DkimSettingsService(mail.Documents, new EphemeralDataProtectionProvider());
        var settings = await elsewhere.GetAsync();
        Assert.False(elsewhere.KeyIsReadable(settings));
        Assert.Null(elsewhere.CreateSigner(settings));
        Assert.True(mail.Dkim.KeyIsReadable(settings));
    }

    [Fact]
    public void An_existing_pkcs1_key_imports_and_a_public_key_or_garbage_is_refused()
    {
        using var rsa = RSA.Create(1024);
        var imported = DkimKeys.Import(rsa.ExportRSAPrivateKeyPem(), out var problem);
        Assert.Null(problem);
        Assert.Equal(Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), imported!.PublicKey);
        Assert.Equal(1024, imported.Bits);

        Assert.Null(DkimKeys.Import(rsa.ExportSubjectPublicKeyInfoPem(), out problem));
        Assert.Equal("public-only", problem);
        Assert.Null(DkimKeys.Import("-----BEGIN PRIVATE KEY-----\nkhông phải khoá\n-----END PRIVATE KEY-----", out problem));
        Assert.Equal("not-a-key", problem);
    }

    [Fact]
    public void A_2048_bit_record_is_split_into_strings_of_at_most_255_characters_for_zone_files()
    {
        var key = DkimKeys.Generate();
        var quoted = DkimKeys.RecordValueQuoted(key.PublicKey);
        var parts = quoted.Split("\" \"");
        Assert.True(parts.Length >= 2);
        Assert.All(parts, p => Assert.True(p.Trim('"').Length <= 255));
        Assert.Equal(DkimKeys.RecordValue(key.PublicKey), string.Concat(parts.Select(p => p.Trim('"'))));
        Assert.Equal("cp2026._domainkey.ldtbxh.example.gov.vn", DkimKeys.RecordName(" CP2026 ", "LDTBXH.example.gov.vn."));
    }

    /// <summary>Makes a key, turns signing on, and returns the DNS record value the page would show.</summary>
    private async Task<string> SignWithNewKeyAsync(string domain, string selector)
    {
        await mail.Dkim.SaveKeyAsync(DkimKeys.Generate(), DateTime.UtcNow);
        await mail.Dkim.SaveAsync(Keep(new DkimSettings { Enabled = true, Domain = domain, Selector = selector }));
        return DkimKeys.RecordValue((await mail.Dkim.GetAsync()).PublicKey!);
    }

    /// <summary>The given switch, domain and selector over the stored key (the page saves them the same way).</summary>
    private DkimSettings Keep(DkimSettings wanted)
    {
        var stored = mail.Dkim.GetAsync().GetAwaiter().GetResult().Clone();
        stored.Enabled = wanted.Enabled;
        stored.Domain = wanted.Domain;
        stored.Selector = wanted.Selector;
        return stored;
    }

    private static async Task<bool> VerifyAsync(MimeMessage message, string record)
    {
        var header = message.Headers.First(h => h.Id == HeaderId.DkimSignature);
        return await new DkimVerifier(new DkimRecordLocator(record)).VerifyAsync(message, header);
    }

    private static MimeMessage Reload(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    public void Dispose() => mail.Dispose();
}
