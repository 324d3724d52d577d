namespace ChildProtection.Mail.Tests;

/// <summary>SMTP settings pointing at a <see cref="LoopbackSmtpServer"/> (the server itself lives in the shared test project, which knows nothing of the Mail module).</summary>
internal static class LoopbackSmtpSettings
{
    public static SmtpSettings Settings(this LoopbackSmtpServer server) => new()
    {
        Host = "127.0.0.1", Port = server.Port, TlsMode = SmtpTlsMode.None, SenderAddress = "vanthu@ldtbxh.example.gov.vn",
        SenderName = "Phòng Lao động – Thương binh và Xã hội", TimeoutSeconds = 10,
    };
}
