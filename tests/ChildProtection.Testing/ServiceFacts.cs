using Xunit;

namespace ChildProtection.Testing;

/// <summary>A fact that needs PostgreSQL (<c>CP_TEST_POSTGRES</c>); skipped without it unless services are required.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestServices.SkipReason(TestServices.PostgresVariable, "PostgreSQL");
}

/// <summary>A theory that needs PostgreSQL (<c>CP_TEST_POSTGRES</c>); skipped without it unless services are required.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = TestServices.SkipReason(TestServices.PostgresVariable, "PostgreSQL");
}

/// <summary>A fact that needs Chromium (<c>CP_TEST_CHROMIUM</c>); skipped without it unless services are required.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = TestServices.SkipReason(TestServices.ChromiumVariable, "Chromium");
}

/// <summary>A fact that needs PostgreSQL and Redis (scale-out mode); skipped without them unless services are required.</summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute() => Skip = TestServices.SkipReason(TestServices.PostgresVariable, "PostgreSQL")
        ?? TestServices.SkipReason(TestServices.RedisVariable, "Redis");
}

/// <summary>A fact that needs Redis (<c>CP_TEST_REDIS</c>); skipped without it unless services are required.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = TestServices.SkipReason(TestServices.RedisVariable, "Redis");
}

/// <summary>A fact that needs an IMAP mailbox (<c>CP_TEST_IMAP</c>, Dovecot); skipped without it unless services are required.</summary>
public sealed class ImapFactAttribute : FactAttribute
{
    public ImapFactAttribute() => Skip = TestServices.SkipReason(TestServices.ImapVariable, "An IMAP server (Dovecot)");
}
