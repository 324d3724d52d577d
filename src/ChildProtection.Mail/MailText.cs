namespace ChildProtection.Mail;

/// <summary>Marker for the module's resource file (Resources/MailText.vi.resx); English text is the key.</summary>
public sealed class MailText;
