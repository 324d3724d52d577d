namespace ChildProtection.Mail;

public enum MailOutcome
{
    Sent,
    /// <summary>Worth retrying later: a 4xx reply, a refused or dropped connection, a timeout.</summary>
    TransientFailure,
    /// <summary>Retrying will not help: a 5xx reply, an address that cannot be parsed.</summary>
    PermanentFailure,
}

/// <summary>How one message went, with the server's own words when it said something.</summary>
public sealed record MailResult(MailOutcome Outcome, string? ServerReply = null, int? StatusCode = null)
{
    public bool IsSent => Outcome == MailOutcome.Sent;

    public static MailResult Sent(string? reply = null) => new(MailOutcome.Sent, reply);
    public static MailResult Transient(string reply, int? statusCode = null) => new(MailOutcome.TransientFailure, reply, statusCode);
    public static MailResult Permanent(string reply, int? statusCode = null) => new(MailOutcome.PermanentFailure, reply, statusCode);
}
