using System.Text;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Bounces;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;

namespace ChildProtection.Notices.Tests;

/// <summary>The return-path tags and the reading of bounces that are not RFC 3464 reports (the Dovecot test covers the whole path).</summary>
public sealed class BounceParsingTests
{
    private static MimeMessage Load(string raw) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw.Replace("\n", "\r\n"))));

    [Fact]
    public async Task A_tag_reads_back_in_any_case_and_a_changed_one_does_not()
    {
        var tokens = new BounceTokens(new Documents(), new EphemeralDataProtectionProvider());
        await tokens.PrepareAsync(CancellationToken.None);
        var tag = tokens.Create(123456, 2);

        Assert.Matches("^123456-2-[a-z2-7]{13}$", tag);
        Assert.Equal(new BounceTag(123456, 2), tokens.Read(tag));
        // Some servers upper- or lower-case the local part on the way back.
        Assert.Equal(new BounceTag(123456, 2), tokens.Read(tag.ToUpperInvariant()));
        Assert.Null(tokens.Read(tag.Replace("123456-", "123457-")));
        Assert.Null(tokens.Read(tag[..^1] + (tag[^1] == 'a' ? 'b' : 'a')));
        Assert.Null(tokens.Read("not-a-tag"));
    }

    [Fact]
    public void A_qmail_bounce_is_permanent_by_its_status_code_and_found_by_its_tag()
    {
        var found = BounceParser.Parse(Load("""
            From: MAILER-DAEMON@mail.example.edu.vn
            To: bounces+77-0-abcdefghijklm@ldtbxh.example.gov.vn
            Subject: failure notice

            Hi. This is the qmail-send program at mail.example.edu.vn (192.168.4.2.1).
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <hieutruong@example.edu.vn>:
            Remote host said: 550 5.1.1 <hieutruong@example.edu.vn>... User unknown
            """), "bounces@ldtbxh.example.gov.vn");

        Assert.Equal(BounceKind.Permanent, found.Kind);
        Assert.Equal("5.1.1", found.Status);
        Assert.Contains("User unknown", found.Reason);
        Assert.Equal("77-0-abcdefghijklm", found.Tag);
    }

    [Fact]
    public void A_plain_text_delay_without_an_enhanced_code_is_temporary_and_an_auto_reply_is_no_bounce()
    {
        var delay = BounceParser.Parse(Load("""
            From: postmaster@example.edu.vn
            To: bounces@ldtbxh.example.gov.vn
            Subject: Delivery delayed

            Your message has been delayed; the server will retry for 4 days.
            452 Mailbox over quota
            Message-ID: <notice-12.34.reminder-1.0123456789abcdef0123456789abcdef@treem.example.gov.vn>
            """), "bounces@ldtbxh.example.gov.vn");
        Assert.Equal(BounceKind.Temporary, delay.Kind);
        Assert.Equal(new NoticeMessageReference(12, 34, 1, "0123456789abcdef0123456789abcdef"), delay.MessageReference);

        var away = BounceParser.Parse(Load("""
            From: hieutruong@example.edu.vn
            To: bounces+77-0-abcdefghijklm@ldtbxh.example.gov.vn
            Subject: Out of office

            I am away until Monday 14.12.2026.
            """), "bounces@ldtbxh.example.gov.vn");
        Assert.Equal(BounceKind.None, away.Kind);
    }

    private sealed class Documents : IDocumentStore
    {
        private readonly Dictionary<string, object> values = [];
        public Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class => Task.FromResult(values.GetValueOrDefault(name) as T);
        public Task SaveAsync<T>(string name, T value, CancellationToken cancellationToken = default) where T : class { values[name] = value; return Task.CompletedTask; }
        public void ClearCache() { }
    }
}
