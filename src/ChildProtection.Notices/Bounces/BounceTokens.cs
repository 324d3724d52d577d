using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Notices.Bounces;

/// <summary>What a valid return-path tag names: a ledger row and the reminder (0 for the notice itself).</summary>
public readonly record struct BounceTag(long RecipientId, int Reminder);

/// <summary>
/// The tag in a notice's return path (<c>bounces+{tag}@domain</c>): <c>{row}-{reminder}-{mac}</c>, the
/// numbers in decimal and the MAC the first 65 bits of an HMAC-SHA256 over them in lower-case base32 — only
/// digits, lower-case letters and '-', so it survives servers that lower-case the local part, and short
/// (about 25 characters). The signature keeps anyone from making bounces that mark arbitrary rows.
/// <para>
/// The HMAC key is random, made once per site and kept in the document store as Data Protection cipher
/// text (Data Protection itself cannot sign deterministically). Two nodes making it at the same moment
/// both save; the last one wins and both read it back, so at most a few tags signed in that instant fail.
/// </para>
/// </summary>
public sealed partial class BounceTokens(IDocumentStore documents, IDataProtectionProvider dataProtection)
{
    private const string DocumentName = "NoticesBounceKey";
    private const string Purpose = "ChildProtection.Notices.BounceKey.v1";
    private const int MacChars = 13;
    private byte[]? key;

    public sealed class KeyDocument
    {
        public string? ProtectedKey { get; set; }
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (key is not null) return;
        var protector = dataProtection.CreateProtector(Purpose);
        var stored = await documents.GetAsync<KeyDocument>(DocumentName, cancellationToken);
        if (stored?.ProtectedKey is { } existing)
        {
            key = Convert.FromBase64String(protector.Unprotect(existing));
            return;
        }
        await documents.SaveAsync(DocumentName, new KeyDocument { ProtectedKey = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) }, cancellationToken);
        documents.ClearCache();
        var saved = await documents.GetAsync<KeyDocument>(DocumentName, cancellationToken);
        key = Convert.FromBase64String(protector.Unprotect(saved!.ProtectedKey!));
    }

    /// <summary>The tag for one delivery; <see cref="PrepareAsync"/> first.</summary>
    public string Create(long recipientId, int reminder)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{recipientId}-{reminder}");
        return body + "-" + Mac(body);
    }

    /// <summary>The row a tag names, or null when it is not one of ours or its signature is wrong.</summary>
    public BounceTag? Read(string tag)
    {
        var match = TagPattern().Match(tag.Trim().ToLowerInvariant());
        if (!match.Success) return null;
        if (!long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var reminder)) return null;
        var body = match.Groups[1].Value + "-" + match.Groups[2].Value;
        var expected = Encoding.ASCII.GetBytes(Mac(body));
        var given = Encoding.ASCII.GetBytes(match.Groups[3].Value);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? new BounceTag(row, reminder) : null;
    }

    private string Mac(string body)
    {
        if (key is null) throw new InvalidOperationException("BounceTokens.PrepareAsync was not awaited.");
        var hash = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
        return Base32(hash)[..MacChars];
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var text = new StringBuilder(bytes.Length * 8 / 5 + 1);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    [GeneratedRegex("^([0-9]{1,19})-([0-9]{1,4})-([a-z2-7]{13})$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
