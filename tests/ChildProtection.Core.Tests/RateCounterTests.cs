using ChildProtection.Core.Limits;
using Xunit;

namespace ChildProtection.Core.Tests;

/// <summary>The in-memory rate counter: fixed windows that start at the first increment and end on their own.</summary>
public sealed class RateCounterTests
{
    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Counts_within_a_window_and_starts_again_when_it_ends()
    {
        var clock = new StepClock();
        var counter = new MemoryRateCounter(clock);
        Assert.Equal(0, await counter.GetAsync("signin:address:1"));
        Assert.Equal(1, await counter.IncrementAsync("signin:address:1", TimeSpan.FromMinutes(1)));
        clock.Now += TimeSpan.FromSeconds(50);
        Assert.Equal(2, await counter.IncrementAsync("signin:address:1", TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await counter.IncrementAsync("signin:address:2", TimeSpan.FromMinutes(1)));
        Assert.Equal(2, await counter.GetAsync("signin:address:1"));

        // The window is fixed: it ends a minute after the first increment, not after the last.
        clock.Now += TimeSpan.FromSeconds(11);
        Assert.Equal(0, await counter.GetAsync("signin:address:1"));
        Assert.Equal(1, await counter.IncrementAsync("signin:address:1", TimeSpan.FromMinutes(1)));

        await counter.ResetAsync("signin:address:2");
        Assert.Equal(0, await counter.GetAsync("signin:address:2"));
    }

    [Fact]
    public async Task Concurrent_increments_are_all_counted()
    {
        var counter = new MemoryRateCounter(TimeProvider.System);
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => Task.Run(() => counter.IncrementAsync("k", TimeSpan.FromMinutes(5)))));
        Assert.Equal(2000, await counter.GetAsync("k"));
    }
}
