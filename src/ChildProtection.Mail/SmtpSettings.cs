namespace ChildProtection.Mail;

public enum SmtpTlsMode
{
    /// <summary>Plain text (a relay on the same machine or a trusted network only).</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS; refuses to go on without it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>
/// The document "Smtp". The password is kept only as Data Protection cipher text; an empty host means
/// the outbox folder (the embedded default).
/// </summary>
public sealed class SmtpSettings
{
    public const string DocumentName = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;
    public string? UserName { get; set; }
    public string? ProtectedPassword { get; set; }
    public string? SenderAddress { get; set; }
    public string? SenderName { get; set; }
    public string? ReplyToAddress { get; set; }
    public int TimeoutSeconds { get; set; } = 30;

    public bool HasHost => !string.IsNullOrWhiteSpace(Host);

    public SmtpSettings Clone() => (SmtpSettings)MemberwiseClone();
}
