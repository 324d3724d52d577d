using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ChildProtection.Events.Registration;

/// <summary>
/// The registrant's personal link (<c>/su-kien/dang-ky/{token}</c>): a single-purpose token naming one
/// registration, encrypted and authenticated with the site's Data Protection keys, so it can be neither
/// guessed nor altered, and nothing else accepts it. The registration's id alone is not a secret.
/// </summary>
public sealed class RegistrationTokens(IDataProtectionProvider dataProtection)
{
    private const string Purpose = "ChildProtection.Events.Registration.v1";
    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);

    public string Create(long registrationId)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(payload, registrationId);
        return WebEncoders.Base64UrlEncode(protector.Protect(payload));
    }

    public long? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try
        {
            var payload = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return payload.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(payload) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
