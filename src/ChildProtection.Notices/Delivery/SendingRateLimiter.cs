namespace ChildProtection.Notices.Delivery;

/// <summary>
/// One limiter for the whole process: every lane of every notice takes a slot before each message, and
/// slots are spaced evenly (60 s / rate), so the configured rate holds however many lanes run. A rate of
/// 0 costs nothing. (Several nodes each get the rate; the setting says so.)
/// </summary>
public sealed class SendingRateLimiter(TimeProvider clock)
{
    private readonly Lock gate = new();
    private DateTimeOffset nextSlot = DateTimeOffset.MinValue;

    public async ValueTask WaitAsync(int ratePerMinute, CancellationToken cancellationToken)
    {
        if (ratePerMinute <= 0) return;
        var spacing = TimeSpan.FromMinutes(1) / ratePerMinute;
        DateTimeOffset slot;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            // An idle limiter does not bank unused slots: a burst after a pause still respects the rate.
            slot = nextSlot < now ? now : nextSlot;
            nextSlot = slot + spacing;
        }
        var wait = slot - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
    }
}
