using System.Text;
using QRCoder;

namespace ChildProtection.Users.TwoFactor;

/// <summary>
/// What an authenticator app needs: the otpauth URI (RFC 6238 / Key Uri Format), drawn here as a QR code —
/// never by a third-party service, which would learn every account's secret — and the key to type by hand.
/// </summary>
public static class AuthenticatorSetup
{
    public static string Uri(string issuer, string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";

    /// <summary>A PNG data address for an &lt;img&gt; (the site's CSP allows <c>data:</c> images, not inline SVG styles).</summary>
    public static string QrDataUrl(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    /// <summary>The key in groups of four lower-case characters, easier to read out and type.</summary>
    public static string Grouped(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) result.Append(' ');
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }

    /// <summary>
    /// A recovery code as Identity made it (<c>XXXXX-XXXXX</c>, upper case) from what a person typed: spaces
    /// dropped, lower case raised, the hyphen put back if it was left out.
    /// </summary>
    public static string CleanRecoveryCode(string? code)
    {
        var value = (code ?? "").Replace(" ", "").Trim().ToUpperInvariant();
        return value.Length == 10 && !value.Contains('-') ? value[..5] + "-" + value[5..] : value;
    }

    /// <summary>An authenticator code as people type it: spaces and hyphens removed.</summary>
    public static string Clean(string? code) => (code ?? "").Replace(" ", "").Replace("-", "").Trim();
}
