using System.Security.Cryptography;
using System.Text;
using ChildProtection.Core.Modules;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// Who holds a claimed ledger row: <c>{node}|{instance}|{lane run}</c> goes into ClaimedBy. The node part
/// stays the same when this node restarts (<c>Notices:NodeName</c>, default the machine name plus a hash
/// of the data folder, so two sites on one machine differ), the instance part is new for every process.
/// At start-up, rows claimed by this node under another instance belonged to a process that is gone:
/// they can be requeued at once instead of waiting for their lease to run out.
/// </summary>
public sealed class DeliveryNode
{
    public DeliveryNode(IConfiguration configuration, AppPaths paths)
    {
        var configured = configuration["Notices:NodeName"];
        var name = string.IsNullOrWhiteSpace(configured)
            ? $"{Environment.MachineName}-{Hash(paths.DataPath)}"
            : configured.Trim();
        // '|' separates the parts; LIKE wildcards in a name would widen the recovery's match.
        Name = Clean(name, 60);
        Instance = Guid.NewGuid().ToString("N")[..10];
    }

    public string Name { get; }
    public string Instance { get; }

    /// <summary>The ClaimedBy prefix of every row this node claims, in any process.</summary>
    public string NodePrefix => Name + "|";

    /// <summary>The ClaimedBy prefix of rows claimed by this very process.</summary>
    public string InstancePrefix => Name + "|" + Instance + "|";

    /// <summary>A new lane run's claim id (fits the 100-character column).</summary>
    public string NewClaimId() => InstancePrefix + Guid.NewGuid().ToString("N")[..12];

    private static string Hash(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..8];

    private static string Clean(string value, int max)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        return sb.Length > max ? sb.ToString(0, max) : sb.ToString();
    }
}
