using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// A lane run's way through the per-domain limits, asked once per message before it goes out. An address
/// without a limit passes at once, with no database work. A limited one gets a connection slot and a rate
/// moment from <see cref="DomainThrottle"/>; when no slot is free, or the moment is more than
/// <see cref="DomainThrottle.WaitAtMost"/> away (less what the lane already waited this round), the answer is "later" and the lane defers the row rather than
/// sleeping on it, so the other domains' rows of its round are not held up by one slow domain.
/// </summary>
public sealed class DomainGate(DomainThrottle throttle, DomainRules rules, string claimId, TimeProvider clock, ILogger logger)
{
    /// <summary>A busy domain's rows are tried again after about this long (with jitter, so lanes spread out).</summary>
    internal static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(1);
    /// <summary>Rows this lane defers for one busy domain are spaced at least this far apart (see <see cref="Later"/>).</summary>
    internal static readonly TimeSpan DeferStep = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, DateTime> deferredUntil = new(StringComparer.Ordinal);
    private TimeSpan waitedThisRound;

    /// <summary>
    /// The lane claimed a new round. It waits for rate moments at most <see cref="DomainThrottle.WaitAtMost"/>
    /// in all per round, not per message: otherwise the lane that holds a limited domain's slot would pace the
    /// other domains' rows of its rounds to that domain's rate (60 rows at 120 a minute: 30 s). Rows past the
    /// budget are deferred, queued behind each other (<see cref="Later"/>), and come back in later rounds.
    /// </summary>
    public void NewRound() => waitedThisRound = TimeSpan.Zero;

    public bool LimitsAnything => rules.Any;

    public async ValueTask<DomainTurn> EnterAsync(string email, CancellationToken cancellationToken)
    {
        var rule = rules.For(email);
        if (rule is null) return DomainTurn.Go;
        var now = clock.GetUtcNow();
        int? slot = null;
        if (rule.Connections > 0)
        {
            slot = await throttle.TryHoldSlotAsync(rule, claimId, DomainThrottle.ToMs(now), DomainThrottle.ToMs(now + DeliveryLaneJob.LeaseLength), cancellationToken);
            if (slot is null) return DomainTurn.Later(Later(rule, (now + BusyRetry * (0.5 + Random.Shared.NextDouble())).UtcDateTime));
        }
        var turn = new DomainTurn(throttle, rule.Key, slot, claimId, logger);
        try
        {
            if (rule.PerMinute > 0)
            {
                var budget = DomainThrottle.WaitAtMost - waitedThisRound;
                if (budget < TimeSpan.Zero) budget = TimeSpan.Zero;
                var (reserved, next) = await throttle.TryReserveAsync(rule, DomainThrottle.ToMs(now), DomainThrottle.ToMs(now + budget), cancellationToken);
                if (reserved is not { } at)
                {
                    await turn.DisposeAsync();
                    return DomainTurn.Later(Later(rule, DomainThrottle.FromMs(next)));
                }
                var wait = DomainThrottle.FromMs(at) - clock.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    waitedThisRound += wait;
                    await Task.Delay(wait, clock, cancellationToken);
                }
            }
            return turn;
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// When a deferred row of a busy domain comes back. Rows this lane defers for one domain queue up behind
    /// each other (at least the rate's spacing, or <see cref="DeferStep"/>, apart) instead of all coming back at
    /// the same moment, only for all but one to be deferred again: a domain limited to 10 a minute with 2,000
    /// rows waiting would otherwise have every one of them claimed and deferred every six seconds.
    /// </summary>
    private DateTime Later(DomainRule rule, DateTime earliest)
    {
        var step = rule.Spacing > DeferStep ? rule.Spacing : DeferStep;
        var at = deferredUntil.TryGetValue(rule.Key, out var last) && last + step > earliest ? last + step : earliest;
        deferredUntil[rule.Key] = at;
        return at;
    }
}

/// <summary>
/// The gate's answer for one message: go (holding the domain's connection slot, if it has a limit, until
/// disposed — after the outcome is written), or <see cref="DeferUntil"/>.
/// </summary>
public sealed class DomainTurn : IAsyncDisposable
{
    public static readonly DomainTurn Go = new(null, "", null, "", null);

    private readonly DomainThrottle? throttle;
    private readonly string domain, claimId;
    private readonly ILogger? logger;
    private int? slot;

    internal DomainTurn(DomainThrottle? throttle, string domain, int? slot, string claimId, ILogger? logger)
    {
        this.throttle = throttle;
        this.domain = domain;
        this.slot = slot;
        this.claimId = claimId;
        this.logger = logger;
    }

    public static DomainTurn Later(DateTime untilUtc) => new(null, "", null, "", null) { DeferUntil = untilUtc };

    /// <summary>Set: do not send now; put the row back until then.</summary>
    public DateTime? DeferUntil { get; private init; }

    public async ValueTask DisposeAsync()
    {
        if (throttle is null || slot is not { } held) return;
        slot = null;
        try
        {
            // Not cancellable: a shutdown must still let go of the slot (or it waits out its lease).
            await throttle.ReleaseSlotAsync(domain, held, claimId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The slot frees itself when its lease ends.
            logger?.LogWarning(e, "Could not release connection slot {Slot} of domain {Domain}", held, domain);
        }
    }
}
