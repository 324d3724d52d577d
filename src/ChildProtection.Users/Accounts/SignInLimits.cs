namespace ChildProtection.Users.Accounts;

/// <summary>
/// How sign-in is throttled (configuration section <c>Security:SignIn</c>). The order of the numbers is
/// the design: an attacker's address is stopped first (per-address limit, then the lock of one account
/// from that address), and the account itself is locked for everybody only after failures from several
/// addresses. See README "Staff accounts".
/// </summary>
public sealed class SignInLimits
{
    public const string Section = "Security:SignIn";

    /// <summary>Failed sign-ins (password or second-factor code, any account) one address may make per minute; more are answered 429.</summary>
    public int FailuresPerAddressPerMinute { get; set; } = 10;

    /// <summary>Failures for one account from one address before that account is refused from that address for <see cref="LockoutMinutes"/>.</summary>
    public int AccountFailuresPerAddress { get; set; } = 5;

    /// <summary>Failures for one account from all addresses before the account is locked for everybody (Identity's lockout).</summary>
    public int AccountFailures { get; set; } = 20;

    public int LockoutMinutes { get; set; } = 15;

    public TimeSpan Lockout => TimeSpan.FromMinutes(Math.Max(1, LockoutMinutes));
}
