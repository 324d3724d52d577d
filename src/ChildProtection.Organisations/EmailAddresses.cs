namespace ChildProtection.Organisations;

/// <summary>
/// The directory's rule for an address: plain ASCII <c>local@domain.tld</c>, no display name, at most 254
/// characters. Stricter than RFC 5322 on purpose: an address a school typed with a stray comma or a
/// Vietnamese letter would bounce, so it is refused at entry rather than at sending.
/// </summary>
public static class EmailAddresses
{
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > 254) return false;
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at > 64) return false;
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..")) return false;
        foreach (var c in local)
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c))) return false;
        var labels = domain.Split('.');
        if (labels.Length < 2) return false;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')) return false;
            foreach (var c in label)
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return labels[^1].Length >= 2 && labels[^1].All(char.IsAsciiLetter);
    }

    /// <summary>Splits a cell or a text box holding several addresses separated by <c>;</c>, <c>,</c> or white space.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([';', ',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
