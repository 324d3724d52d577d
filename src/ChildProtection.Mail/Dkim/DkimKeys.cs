using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace ChildProtection.Mail.Dkim;

/// <summary>RSA keys for DKIM: made here, or read from the PEM an operator already published a record for.</summary>
public static class DkimKeys
{
    /// <summary>2048 bits: what mailbox providers expect today; 1024 is accepted on import for old records.</summary>
    public const int DefaultBits = 2048;

    /// <summary>The headers a signature covers: who it is from and to, what it is, and how the body is to be read.</summary>
    public static readonly MimeKit.HeaderId[] SignedHeaders =
    [
        MimeKit.HeaderId.From, MimeKit.HeaderId.ReplyTo, MimeKit.HeaderId.To, MimeKit.HeaderId.Cc, MimeKit.HeaderId.Subject, MimeKit.HeaderId.Date,
        MimeKit.HeaderId.MessageId, MimeKit.HeaderId.MimeVersion, MimeKit.HeaderId.ContentType, MimeKit.HeaderId.ContentTransferEncoding,
    ];

    public sealed record KeyPair(string PrivateKeyPem, string PublicKey, int Bits);

    public static KeyPair Generate(int bits = DefaultBits)
    {
        using var rsa = RSA.Create(bits);
        return From(rsa);
    }

    /// <summary>Reads a PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM; null with a reason when it is not an RSA private key we can sign with.</summary>
    public static KeyPair? Import(string pem, out string? problem)
    {
        problem = null;
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            problem = "not-a-key";
            return null;
        }
        try
        {
            // A public key imports too, but cannot sign.
            rsa.ExportRSAPrivateKey();
        }
        catch (CryptographicException)
        {
            problem = "public-only";
            return null;
        }
        if (rsa.KeySize is < 1024 or > 4096)
        {
            problem = "size";
            return null;
        }
        return From(rsa);
    }

    /// <summary>The private key as MimeKit's signer takes it (BouncyCastle), from the PKCS#8 PEM kept in the settings.</summary>
    internal static AsymmetricKeyParameter SigningKey(string privateKeyPem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKeyPem);
        return PrivateKeyFactory.CreateKey(rsa.ExportPkcs8PrivateKey());
    }

    /// <summary>The DNS name the record goes under: <c>{selector}._domainkey.{domain}</c>.</summary>
    public static string RecordName(string selector, string domain) => $"{selector.Trim().ToLowerInvariant()}._domainkey.{domain.Trim().TrimEnd('.').ToLowerInvariant()}";

    public static string RecordValue(string publicKey) => $"v=DKIM1; k=rsa; p={publicKey}";

    /// <summary>
    /// The value as the quoted strings of a zone file: one TXT string holds at most 255 characters, and a
    /// 2048-bit key's record is longer, so DNS panels that take the zone-file form need it split.
    /// </summary>
    public static string RecordValueQuoted(string publicKey)
    {
        var value = RecordValue(publicKey);
        var parts = new StringBuilder();
        for (var i = 0; i < value.Length; i += 255)
        {
            if (parts.Length > 0) parts.Append(' ');
            parts.Append('"').Append(value, i, Math.Min(255, value.Length - i)).Append('"');
        }
        return parts.ToString();
    }

    private static KeyPair From(RSA rsa) =>
        new(rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), rsa.KeySize);
}
