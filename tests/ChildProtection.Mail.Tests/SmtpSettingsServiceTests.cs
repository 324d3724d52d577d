namespace ChildProtection.Mail.Tests;

public sealed class SmtpSettingsServiceTests : IDisposable
{
    private const string Password = "CorrectHorseBatteryStaple42";
    private readonly MailHarness mail = new();

    [Fact]
    public async Task The_password_is_stored_encrypted_and_comes_back_in_clear_only_through_the_service()
    {
        await mail.Settings.SaveAsync(new SmtpSettings { Host = "smtp.example.gov.vn", UserName = "vanthu" }, Password);

        var raw = mail.Documents.Raw(SmtpSettings.DocumentName);
        Assert.NotNull(raw);
        Assert.DoesNotContain(Password, raw);
        var stored = await mail.Settings.GetAsync();
        Assert.False(string.IsNullOrEmpty(stored.ProtectedPassword));
        Assert.Equal(Password, mail.Settings.UnprotectPassword(stored));
    }

    [Fact]
    public async Task Saving_without_a_new_password_keeps_the_old_one_and_clearing_removes_it()
    {
        await mail.Settings.SaveAsync(new SmtpSettings { Host = "smtp.example.gov.vn", UserName = "vanthu" }, Password);

        await mail.Settings.SaveAsync(new SmtpSettings { Host = "smtp2.example.gov.vn", UserName = "vanthu" }, newPassword: "");
        Assert.Equal(Password, mail.Settings.UnprotectPassword(await mail.Settings.GetAsync()));

        await mail.Settings.SaveAsync(new SmtpSettings { Host = "smtp2.example.gov.vn" }, newPassword: null, clearPassword: true);
        Assert.Null((await mail.Settings.GetAsync()).ProtectedPassword);
    }

    [Fact]
    public async Task A_password_protected_with_other_keys_reads_as_none_instead_of_failing()
    {
        var other = new MailHarness();
        await other.Settings.SaveAsync(new SmtpSettings { Host = "smtp.example.gov.vn" }, Password);
        var foreign = await other.Settings.GetAsync();
        other.Dispose();

        Assert.Null(mail.Settings.UnprotectPassword(foreign));
    }

    public void Dispose() => mail.Dispose();
}
