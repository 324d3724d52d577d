using System.Globalization;
using System.Text.RegularExpressions;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// One line of the delivery settings' per-domain limits: how hard delivery may push the mail server of one
/// recipient domain (and its subdomains) — the city's school mail servers are small. Both bounds hold across
/// every node, lane and notice; 0 means no bound of that kind.
/// </summary>
public sealed class DomainLimit
{
    /// <summary>Lower-case ASCII (an internationalised name is kept in its xn-- form).</summary>
    public string Domain { get; set; } = "";
    /// <summary>Messages with the relay for this domain at one time.</summary>
    public int Connections { get; set; }
    /// <summary>Messages handed to the relay for this domain per minute.</summary>
    public int PerMinute { get; set; }

    public const int MaxConnections = 100;
    public const int MaxPerMinute = 100_000;

    public bool LimitsAnything => Connections > 0 || PerMinute > 0;
}

/// <summary>The limit that applies to one message: <see cref="Key"/> names the shared throttle rows.</summary>
public sealed record DomainRule(string Key, int Connections, int PerMinute)
{
    /// <summary>The spacing of messages at the rate; zero without a rate.</summary>
    public TimeSpan Spacing => PerMinute > 0 ? TimeSpan.FromMinutes(1) / PerMinute : TimeSpan.Zero;
}

/// <summary>
/// The settings' per-domain limits, compiled once per lane run: which rule, if any, applies to an address.
/// A listed domain covers its subdomains, and the longest listed match wins (a listed "truong.hanoi.edu.vn"
/// beats "hanoi.edu.vn"); all the addresses one listed domain covers share its limit, because they share
/// its server. An unlisted domain gets the default limit, if there is one, each domain on its own.
/// Unlimited addresses cost a dictionary look-up per label and nothing in the database.
/// </summary>
public sealed class DomainRules
{
    private readonly Dictionary<string, DomainLimit> listed;
    private readonly int defaultConnections, defaultPerMinute;

    public DomainRules(DeliverySettings settings)
    {
        listed = new(StringComparer.Ordinal);
        foreach (var limit in settings.DomainLimits)
            if (limit.LimitsAnything) listed.TryAdd(limit.Domain, limit);
        defaultConnections = settings.DefaultDomainConnections;
        defaultPerMinute = settings.DefaultDomainPerMinute;
    }

    /// <summary>Whether any address can be limited at all (the lane skips all of this otherwise).</summary>
    public bool Any => listed.Count > 0 || defaultConnections > 0 || defaultPerMinute > 0;

    public DomainRule? For(string email)
    {
        if (!Any) return null;
        var at = email.LastIndexOf('@');
        var domain = DomainNames.Normalise(at < 0 ? email : email[(at + 1)..]);
        if (domain is null) return null;
        for (var part = domain; ;)
        {
            if (listed.TryGetValue(part, out var limit)) return new DomainRule(part, limit.Connections, limit.PerMinute);
            var dot = part.IndexOf('.');
            if (dot < 0) break;
            part = part[(dot + 1)..];
        }
        return defaultConnections > 0 || defaultPerMinute > 0 ? new DomainRule(domain, defaultConnections, defaultPerMinute) : null;
    }
}

/// <summary>Domain names as the settings keep them and compare them.</summary>
public static partial class DomainNames
{
    private static readonly IdnMapping Idn = new();

    /// <summary>
    /// Lower-case ASCII without a final dot, or null when it is not a host name of at least two labels
    /// (letters, digits and inner hyphens, 63 characters a label, 253 in all).
    /// </summary>
    public static string? Normalise(string? value)
    {
        var name = value?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(name)) return null;
        try { name = Idn.GetAscii(name).ToLowerInvariant(); }
        catch (ArgumentException) { return null; }
        return name.Length <= 253 && HostName().IsMatch(name) ? name : null;
    }

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
