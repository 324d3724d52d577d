namespace ChildProtection.Testing;

/// <summary>
/// The services the README's test command (tools/test.sh) starts and announces through environment
/// variables. A plain <c>dotnet test</c> has none of them and the tests that need them skip, unless
/// <c>CP_TEST_REQUIRE_SERVICES=1</c> says they must have been there (CI): then they run and fail loudly.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "CP_TEST_POSTGRES";
    public const string ChromiumVariable = "CP_TEST_CHROMIUM";
    public const string RedisVariable = "CP_TEST_REDIS";
    /// <summary><c>host:port:user:password</c> of a throw-away IMAP mailbox (Dovecot).</summary>
    public const string ImapVariable = "CP_TEST_IMAP";
    public const string RequireVariable = "CP_TEST_REQUIRE_SERVICES";

    /// <summary>An Npgsql connection string for a role that may create and drop databases, or null.</summary>
    public static string? PostgresConnectionString => Read(PostgresVariable);

    /// <summary>A StackExchange.Redis configuration string (host:port on loopback), or null.</summary>
    public static string? RedisConfiguration => Read(RedisVariable);

    /// <summary>The Chromium executable for Playwright, or null.</summary>
    public static string? ChromiumPath => Read(ChromiumVariable);

    /// <summary>The IMAP mailbox the test command started, or null.</summary>
    public static (string Host, int Port, string User, string Password)? Imap =>
        Read(ImapVariable)?.Split(':', 4) is [var host, var port, var user, var password] ? (host, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), user, password) : null;

    public static bool ServicesRequired => Read(RequireVariable) == "1";

    /// <summary>The reason to skip a test that needs <paramref name="variable"/>, or null to run it.</summary>
    public static string? SkipReason(string variable, string service)
    {
        if (Read(variable) is not null || ServicesRequired) return null;
        return $"{service} is not available: set {variable} (tools/test.sh starts it and sets it).";
    }

    /// <summary>The value a test needs, or an exception that says which service the test command failed to provide.</summary>
    public static string Require(string variable, string service) =>
        Read(variable) ?? throw new InvalidOperationException(
            $"{service} is required ({RequireVariable}=1) but {variable} is not set: tools/test.sh should have started it.");

    private static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}
