using System.Net;
using System.Net.Sockets;
using ChildProtection.Core.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChildProtection.Users.Accounts;

/// <summary>
/// Sign-in failures counted on the shared rate counters (Redis in scale-out mode, so the limits hold across
/// nodes): per address per minute, per (account, address), and — for names that are no account — per name
/// across addresses, the way Identity's own lockout counts real accounts. Unknown names are treated exactly
/// like real ones so that no answer tells an attacker which accounts exist.
/// </summary>
public sealed class SignInThrottle(IRateCounter counter, IOptionsMonitor<SignInLimits> options)
{
    public SignInLimits Limits => options.CurrentValue;

    /// <summary>
    /// The address an attempt is counted for. IPv6 clients are counted per /64, the block one subscriber
    /// gets: otherwise a single attacker could take a fresh address for every attempt.
    /// </summary>
    public static string AddressOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "none";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>An account is counted by its id; a name that is no account, by the name as typed (case-folded).</summary>
    public static string AccountKey(string? userId, string typedName) =>
        userId is not null ? "user:" + userId : "name:" + typedName.Trim().ToUpperInvariant();

    private static string AddressKey(string address) => "signin:address:" + address;
    private static string PairKey(string account, string address) => $"signin:pair:{account}|{address}";
    private static string PairLockKey(string account, string address) => $"signin:pair-lock:{account}|{address}";
    private static string NameKey(string account) => "signin:name:" + account;
    private static string NameLockKey(string account) => "signin:name-lock:" + account;

    /// <summary>True when the address has used up its failures of this minute: the attempt is not even looked at.</summary>
    public async Task<bool> IsAddressBlockedAsync(string address, CancellationToken cancellationToken = default) =>
        await counter.GetAsync(AddressKey(address), cancellationToken) >= Limits.FailuresPerAddressPerMinute;

    /// <summary>
    /// True when this account may not be tried from this address now. For a name that is no account, also
    /// when it has failed from many addresses (what Identity's lockout does for a real one).
    /// </summary>
    public async Task<bool> IsLockedAsync(string account, string address, bool knownAccount, CancellationToken cancellationToken = default)
    {
        if (await counter.GetAsync(PairLockKey(account, address), cancellationToken) > 0) return true;
        return !knownAccount && await counter.GetAsync(NameLockKey(account), cancellationToken) > 0;
    }

    /// <summary>Counts a failed password or code; returns true when this failure locked the account for this address (or, for an unknown name, everywhere).</summary>
    public async Task<bool> RecordFailureAsync(string account, string address, bool knownAccount, CancellationToken cancellationToken = default)
    {
        var limits = Limits;
        await counter.IncrementAsync(AddressKey(address), TimeSpan.FromMinutes(1), cancellationToken);
        var locked = false;
        if (await counter.IncrementAsync(PairKey(account, address), limits.Lockout, cancellationToken) >= limits.AccountFailuresPerAddress)
        {
            await counter.IncrementAsync(PairLockKey(account, address), limits.Lockout, cancellationToken);
            await counter.ResetAsync(PairKey(account, address), cancellationToken);
            locked = true;
        }
        if (!knownAccount && await counter.IncrementAsync(NameKey(account), limits.Lockout, cancellationToken) >= limits.AccountFailures)
        {
            await counter.IncrementAsync(NameLockKey(account), limits.Lockout, cancellationToken);
            await counter.ResetAsync(NameKey(account), cancellationToken);
            locked = true;
        }
        return locked;
    }

    /// <summary>An attempt refused because the account is locked still counts against its address.</summary>
    public Task RecordRefusalAsync(string address, CancellationToken cancellationToken = default) =>
        counter.IncrementAsync(AddressKey(address), TimeSpan.FromMinutes(1), cancellationToken);

    /// <summary>A successful sign-in forgets that address's earlier failures for the account.</summary>
    public Task RecordSuccessAsync(string account, string address, CancellationToken cancellationToken = default) =>
        counter.ResetAsync(PairKey(account, address), cancellationToken);
}
