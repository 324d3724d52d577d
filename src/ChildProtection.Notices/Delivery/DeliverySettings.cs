using ChildProtection.Core.Settings;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// The document "NoticeDelivery": how hard delivery may push the mail server. Read at the start of every
/// lane run (lanes are short: a notice's lanes end when nothing is due), so a saved change applies to the
/// runs that start after it; Connections applies when lanes are next started (start, resume, resend, watchdog).
/// </summary>
public sealed class DeliverySettings
{
    public const string DocumentName = "NoticeDelivery";

    /// <summary>Lanes per notice, each holding one SMTP connection.</summary>
    public int Connections { get; set; } = 2;
    /// <summary>Ledger rows a lane claims per round.</summary>
    public int ClaimSize { get; set; } = 50;
    /// <summary>Messages per minute for the whole process (every lane of every notice); 0 = no limit. Several nodes each keep it on their own.</summary>
    public int RatePerMinute { get; set; }
    /// <summary>Attempts before a transiently failing row is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first retry waits about this long; each next one twice as long, at most an hour.</summary>
    public int BackoffBaseSeconds { get; set; } = 60;
    /// <summary>
    /// Above this many megabytes for all of a notice's attachments together, each message carries a personal
    /// download link per file instead of the files (2,000 schools × 20 MB is 40 GB of SMTP otherwise).
    /// 0: always links.
    /// </summary>
    public int AttachmentLinksAboveMegabytes { get; set; } = 2;

    /// <summary>
    /// Per-domain limits (<see cref="DomainRules"/>): connections and messages per minute to one recipient
    /// domain and its subdomains, across every node, lane and notice, enforced in the shared database
    /// (<see cref="DomainThrottle"/>). Small school mail servers turn away a bulk sender that opens many
    /// connections or sends too fast.
    /// </summary>
    public List<DomainLimit> DomainLimits { get; set; } = [];
    /// <summary>For every domain not listed, each on its own; 0 = no default limit.</summary>
    public int DefaultDomainConnections { get; set; }
    public int DefaultDomainPerMinute { get; set; }

    /// <summary>Whether the attachments of a notice go as links (their total is above the size).</summary>
    public bool SendsFilesAsLinks(long totalAttachmentBytes) => totalAttachmentBytes > AttachmentLinksAboveMegabytes * 1024L * 1024L;

    public const int MinConnections = 1, MaxConnections = 10;
    public const int MinClaimSize = 1, MaxClaimSize = 500;
    public const int MaxRatePerMinute = 100_000;
    public const int MinMaxAttempts = 1, MaxMaxAttempts = 50;
    public const int MinBackoffSeconds = 1, MaxBackoffSeconds = 3600;
    public const int MaxAttachmentLinksAboveMegabytes = 1000;
    public static readonly TimeSpan BackoffCap = TimeSpan.FromHours(1);

    public DeliverySettings Clone()
    {
        var copy = (DeliverySettings)MemberwiseClone();
        copy.DomainLimits = DomainLimits.Select(d => new DomainLimit { Domain = d.Domain, Connections = d.Connections, PerMinute = d.PerMinute }).ToList();
        return copy;
    }

    /// <summary>Values out of range (an old or hand-edited document) are brought back into range rather than trusted.</summary>
    public DeliverySettings Normalised() => new()
    {
        Connections = Math.Clamp(Connections, MinConnections, MaxConnections),
        ClaimSize = Math.Clamp(ClaimSize, MinClaimSize, MaxClaimSize),
        RatePerMinute = Math.Clamp(RatePerMinute, 0, MaxRatePerMinute),
        MaxAttempts = Math.Clamp(MaxAttempts, MinMaxAttempts, MaxMaxAttempts),
        BackoffBaseSeconds = Math.Clamp(BackoffBaseSeconds, MinBackoffSeconds, MaxBackoffSeconds),
        AttachmentLinksAboveMegabytes = Math.Clamp(AttachmentLinksAboveMegabytes, 0, MaxAttachmentLinksAboveMegabytes),
        // A line whose domain is not a host name, or a repeated domain, is dropped (the page refuses both).
        DomainLimits = (DomainLimits ?? [])
            .Select(d => new DomainLimit
            {
                Domain = DomainNames.Normalise(d?.Domain) ?? "",
                Connections = Math.Clamp(d?.Connections ?? 0, 0, DomainLimit.MaxConnections),
                PerMinute = Math.Clamp(d?.PerMinute ?? 0, 0, DomainLimit.MaxPerMinute),
            })
            .Where(d => d.Domain.Length > 0)
            .DistinctBy(d => d.Domain)
            .ToList(),
        DefaultDomainConnections = Math.Clamp(DefaultDomainConnections, 0, DomainLimit.MaxConnections),
        DefaultDomainPerMinute = Math.Clamp(DefaultDomainPerMinute, 0, DomainLimit.MaxPerMinute),
    };

    /// <summary>
    /// The wait before attempt <paramref name="attemptsSoFar"/> + 1: base × 2^(attempts − 1), ±20 % jitter so
    /// rows that failed together do not come back together, never more than an hour.
    /// </summary>
    public TimeSpan BackoffAfter(int attemptsSoFar, double jitter01)
    {
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 20);
        var seconds = Math.Min(BackoffBaseSeconds * Math.Pow(2, exponent), BackoffCap.TotalSeconds);
        seconds *= 0.8 + 0.4 * Math.Clamp(jitter01, 0, 1);
        return TimeSpan.FromSeconds(Math.Min(seconds, BackoffCap.TotalSeconds));
    }
}

/// <summary>Reads and writes the delivery settings document.</summary>
public sealed class DeliverySettingsService(IDocumentStore documents)
{
    /// <summary>Always in range; a fresh copy the caller may change.</summary>
    public async Task<DeliverySettings> GetAsync(CancellationToken cancellationToken = default) =>
        ((await documents.GetAsync<DeliverySettings>(DeliverySettings.DocumentName, cancellationToken)) ?? new DeliverySettings()).Normalised();

    public Task SaveAsync(DeliverySettings settings, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(DeliverySettings.DocumentName, settings.Normalised(), cancellationToken);
}
