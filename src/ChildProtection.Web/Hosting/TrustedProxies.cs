using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// The visitor's address behind a load balancer. <c>App:TrustedProxies</c> lists the proxies' addresses
/// (comma-separated, e.g. HAProxy's <c>10.0.0.5</c>); a request whose connection comes from one of them
/// takes its address from the last <c>X-Forwarded-For</c> entry (the one that proxy added), so per-address
/// limits, the sign-in throttle and the audit log see the visitor rather than the proxy. A header from
/// anyone else is ignored, and only one hop is read: a visitor cannot name an address of their own choosing
/// by sending the header themselves. Empty (the default): the connection's address, as without a proxy.
/// Only the address is taken; the scheme and host are not (see <see cref="TransportSecurity"/>).
/// </summary>
public static class TrustedProxies
{
    public static IReadOnlyList<IPAddress> From(IConfiguration configuration)
    {
        var list = new List<IPAddress>();
        foreach (var part in (configuration["App:TrustedProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IPAddress.TryParse(part, out var address))
                throw new InvalidOperationException($"App:TrustedProxies: '{part}' is not an IP address (list the load balancers' addresses, comma-separated).");
            list.Add(address);
            // A node listening on IPv6 sees an IPv4 proxy as ::ffff:a.b.c.d.
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) list.Add(address.MapToIPv6());
        }
        return list;
    }

    /// <summary>First in the pipeline: everything after it sees the visitor's address.</summary>
    public static void UseTrustedProxies(WebApplication app)
    {
        var proxies = From(app.Configuration);
        if (proxies.Count == 0) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        // The framework trusts loopback by default: only the configured proxies are trusted here.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies) options.KnownProxies.Add(proxy);
        app.UseForwardedHeaders(options);
    }
}
