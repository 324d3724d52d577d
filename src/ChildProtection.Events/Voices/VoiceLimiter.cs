using ChildProtection.Core.Limits;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Events.Voices;

/// <summary>
/// How many voices one address may send to one forum (<c>Events:VoicesPerAddressPer10Minutes</c>, default 5) and one forum
/// may receive in total (<c>Events:VoicesPerForumPerHour</c>, default 300): a class behind one school address
/// can send several, a script cannot flood the queue. Counted through <see cref="IRateCounter"/>: in Redis in
/// scale-out mode, so two nodes behind a load balancer do not each grant the allowance.
/// </summary>
public sealed class VoiceLimiter(IRateCounter counter, IConfiguration configuration)
{
    private readonly int addressLimit = Math.Max(1, configuration.GetValue("Events:VoicesPerAddressPer10Minutes", 5));
    private readonly int forumLimit = Math.Max(1, configuration.GetValue("Events:VoicesPerForumPerHour", 300));

    public async Task<bool> TryAcquireAsync(string clientKey, string eventId, CancellationToken cancellationToken = default)
    {
        if (await counter.IncrementAsync($"voices:address:{eventId}:{clientKey}", TimeSpan.FromMinutes(10), cancellationToken) > addressLimit)
            return false;
        return await counter.IncrementAsync($"voices:forum:{eventId}", TimeSpan.FromHours(1), cancellationToken) <= forumLimit;
    }
}
