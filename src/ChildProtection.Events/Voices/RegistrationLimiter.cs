using ChildProtection.Core.Limits;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Events.Voices;

/// <summary>
/// How many registrations one address may send for one event in an hour (<c>Events:RegistrationsPerAddressPerHour</c>,
/// default 60: a school office registering its classes one by one never meets it; a script taking every seat does).
/// Counted through <see cref="IRateCounter"/>: in Redis in scale-out mode, so the hour's allowance is the site's, not each node's.
/// </summary>
public sealed class RegistrationLimiter(IRateCounter counter, IConfiguration configuration)
{
    private readonly int limit = Math.Max(1, configuration.GetValue("Events:RegistrationsPerAddressPerHour", 60));

    public async Task<bool> TryAcquireAsync(string clientKey, string eventId, CancellationToken cancellationToken = default) =>
        await counter.IncrementAsync($"registrations:address:{eventId}:{clientKey}", TimeSpan.FromHours(1), cancellationToken) <= limit;
}
