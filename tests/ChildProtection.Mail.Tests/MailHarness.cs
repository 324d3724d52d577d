using ChildProtection.Core.Modules;
using ChildProtection.Mail.Dkim;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Mail.Tests;

/// <summary>The module's services wired by hand over a temporary data folder and an in-memory document store.</summary>
internal sealed class MailHarness : IDisposable
{
    private readonly TempFolder folder = new("cp-mail");

    public MailHarness()
    {
        Paths = new AppPaths(folder.Path, folder.Path);
        Settings = new SmtpSettingsService(Documents, DataProtection);
        Dkim = new DkimSettingsService(Documents, DataProtection);
        Sender = new MailSender(Settings, Dkim, Paths);
        Status = new MailStatus(Settings, Paths);
    }

    public MemoryDocumentStore Documents { get; } = new();
    public IDataProtectionProvider DataProtection { get; } = new EphemeralDataProtectionProvider();
    public AppPaths Paths { get; }
    public SmtpSettingsService Settings { get; }
    public DkimSettingsService Dkim { get; }
    public IMailSender Sender { get; }
    public IMailStatus Status { get; }
    public string OutboxPath => Paths.Combine("outbox");

    public Task UseAsync(SmtpSettings settings, string? password = null) => Settings.SaveAsync(settings, password);

    public static MailMessageSpec Message(int n = 0, params MailAttachmentSpec[] attachments) => new()
    {
        MessageId = $"notice-7.recipient-{n}@treem.example.gov.vn",
        To = new MailAddressSpec($"hieutruong{n}@thcs-bachdang.example.edu.vn", "Trường THCS Bạch Đằng"),
        Subject = "Công văn số 123/LĐTBXH-BVTE: Hướng dẫn nhiệm vụ bảo vệ trẻ em năm 2026",
        TextBody = "Kính gửi Hiệu trưởng,\nĐề nghị nhà trường phản hồi trước ngày 15/12.",
        HtmlBody = "<p>Kính gửi Hiệu trưởng,</p><p>Đề nghị nhà trường phản hồi trước ngày 15/12.</p>",
        Attachments = attachments,
    };

    public static MailAttachmentSpec Pdf() =>
        MailAttachmentSpec.FromBytes("Công văn 123.pdf", "application/pdf", "%PDF-1.4 test document"u8.ToArray());

    public void Dispose() => folder.Dispose();
}
