using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OtpNet;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Staff accounts over HTTP: the password change, the forgot-password link read from the outbox (single use,
/// same answer for unknown names, other sessions signed out), and the two-factor role requirement with its
/// settings page and the administrator's reset.
/// </summary>
public sealed partial class StaffAccountTests
{
    private const string NewPassword = "Mat-khau-moi-2025!";

    [GeneratedRegex("<div class=\"notice ok\" role=\"status\" id=\"forgot-sent\">([^<]+)</div>")]
    private static partial Regex SentNotice();

    [GeneratedRegex("id=\"two-factor-key\">([^<]+)<")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    private static string CodeFor(string pageHtml) =>
        new Totp(Base32Encoding.ToBytes(KeyOnPage().Match(pageHtml).Groups[1].Value.Replace(" ", "").ToUpperInvariant())).ComputeTotp();

    private static async Task<MimeMessage> WaitForMailAsync(string outbox, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var files = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").OrderBy(File.GetCreationTimeUtc).ToArray() : [];
            if (files.Length >= count)
            {
                try { return await MimeMessage.LoadAsync(files[count - 1]); }
                catch (IOException) { /* still being written */ }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail number {count} in {outbox}");
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_once_through_the_mailed_link_and_other_sessions_end()
    {
        // Validate the stamp on every request: the test sees at once what a session sees within a minute.
        using var factory = new SiteFactory { ReplaceServices = s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero) };
        using var oldSession = await factory.SetUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await oldSession.Http.GetAsync("/admin")).StatusCode);
        using var visitor = factory.CreateSiteClient();

        var login = await visitor.GetStringAsync("/login");
        Assert.Contains("href=\"/forgot-password\"", login);
        var unknown = await visitor.PostFormAsync("/forgot-password", new() { ["UserName"] = "khong-co-ai@example.org" });
        var known = await visitor.PostFormAsync("/forgot-password", new() { ["UserName"] = "quantri@example.org" });
        var unknownText = SentNotice().Match(await unknown.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.Contains("liên kết đặt mật khẩu mới", unknownText);
        Assert.Equal(unknownText, SentNotice().Match(await known.Content.ReadAsStringAsync()).Groups[1].Value);

        var outbox = Path.Combine(factory.DataPath, "outbox");
        var mail = await WaitForMailAsync(outbox, 1);
        Assert.Equal("quantri@example.org", mail.To.Mailboxes.Single().Address);
        var link = new Uri(Regex.Match(mail.TextBody ?? "", @"https?://\S+/reset-password\?\S+").Value);
        await Task.Delay(300);
        Assert.Single(Directory.GetFiles(outbox, "*.eml")); // nothing was sent for the unknown address

        var form = await visitor.Http.GetAsync(link.PathAndQuery);
        var formHtml = await form.Content.ReadAsStringAsync();
        Assert.DoesNotContain("reset-invalid", formHtml);
        // A weak password is refused in Vietnamese and the link still works.
        var weak = await visitor.PostFormAsync(link.PathAndQuery, new() { ["NewPassword"] = "ngan", ["ConfirmPassword"] = "ngan" }, formPage: link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("ít nhất 10 ký tự", (await weak.Content.ReadAsStringAsync()).ToLowerInvariant());
        var done = await visitor.PostFormAsync(link.PathAndQuery, new() { ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword }, formPage: link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/login", done.Headers.Location!.OriginalString);

        // Used once: the same link now says so, and setting another password through it fails.
        var again = await visitor.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Liên kết này không còn dùng được", again);
        var reuse = await visitor.Http.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["NewPassword"] = "Ke-gian-2025!x", ["ConfirmPassword"] = "Ke-gian-2025!x", ["__RequestVerificationToken"] = SiteClient.TokenIn(await visitor.GetStringAsync("/forgot-password"))!,
        }));
        Assert.Contains("Liên kết này không còn dùng được", await reuse.Content.ReadAsStringAsync());
        Assert.Contains("Liên kết này không còn dùng được", await visitor.GetStringAsync("/reset-password?user=x&token=y"));

        // The session opened before the reset is over; the new password signs in, the old one does not.
        var old = await oldSession.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.StartsWith("/login", old.Headers.Location!.PathAndQuery.Length > 0 ? old.Headers.Location.PathAndQuery : old.Headers.Location.OriginalString);
        using var fresh = factory.CreateSiteClient();
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostFormAsync("/login", new() { ["UserName"] = SiteFactory.AdminUser, ["Password"] = SiteFactory.AdminPassword })).StatusCode);
        await fresh.SignInAsync(SiteFactory.AdminUser, NewPassword);

        var audit = await fresh.GetStringAsync("/admin/audit?action=PasswordReset");
        Assert.Contains("Đặt lại mật khẩu qua thư", audit);
    }

    [Fact]
    public async Task An_expired_link_says_so_in_Vietnamese_and_links_live_one_hour()
    {
        // The site's links live an hour; this one is made to expire in a second.
        using var factory = new SiteFactory { ReplaceServices = s => s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1)) };
        using var admin = await factory.SetUpAsync();
        using var visitor = factory.CreateSiteClient();
        await visitor.PostFormAsync("/forgot-password", new() { ["UserName"] = SiteFactory.AdminUser });
        var mail = await WaitForMailAsync(Path.Combine(factory.DataPath, "outbox"), 1);
        var link = new Uri(Regex.Match(mail.TextBody ?? "", @"https?://\S+/reset-password\?\S+").Value);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var expired = await visitor.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Liên kết này không còn dùng được: đã được dùng, đã quá một giờ", expired);
        Assert.Contains("href=\"/forgot-password\"", expired);

        using var real = new SiteFactory();
        _ = real.Services;
        Assert.Equal(TimeSpan.FromHours(1), real.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan);
    }

    [Fact]
    public async Task A_user_changes_their_password_with_the_current_one()
    {
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        Assert.Contains("href=\"/account/password\"", await admin.GetStringAsync("/admin"));
        var wrong = await admin.PostFormAsync("/account/password", new() { ["CurrentPassword"] = "Sai-mat-khau-1", ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Mật khẩu không đúng", await wrong.Content.ReadAsStringAsync());
        var mismatch = await admin.PostFormAsync("/account/password", new() { ["CurrentPassword"] = SiteFactory.AdminPassword, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword + "x" });
        Assert.Contains("Hai lần nhập mật khẩu mới không giống nhau", await mismatch.Content.ReadAsStringAsync());

        var changed = await admin.PostFormAsync("/account/password", new() { ["CurrentPassword"] = SiteFactory.AdminPassword, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Đã đổi mật khẩu", await admin.GetStringAsync("/account/password"));
        // This session goes on; the new password is the one that signs in.
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
        using var fresh = factory.CreateSiteClient();
        await fresh.SignInAsync(SiteFactory.AdminUser, NewPassword);
        Assert.Contains("Đổi mật khẩu", await fresh.GetStringAsync("/admin/audit?action=PasswordChanged"));
    }

    [Fact]
    public async Task A_role_that_requires_two_factor_is_sent_to_set_up_before_any_admin_page()
    {
        using var factory = new SiteFactory { Settings = { ["Security:TwoFactorRoles"] = "Administrator, Reviewer" } };
        using var admin = await factory.SetUpAsync();
        foreach (var url in new[] { "/admin", "/admin/content", "/admin/users", "/admin/jobs" })
        {
            var response = await admin.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor?required=1", response.Headers.Location!.OriginalString);
        }
        // The set-up page, sign-out, the password page and static files stay open.
        var setUp = await admin.GetStringAsync("/account/two-factor?required=1");
        Assert.Contains("Vai trò của bạn bắt buộc xác thực hai bước", setUp);
        Assert.Contains("src=\"data:image/png;base64,", setUp);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/account/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/_content/ChildProtection.Admin/css/admin.css")).StatusCode);

        // A wrong code is refused; the right one turns it on and shows ten recovery codes once.
        var wrong = await admin.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = "000000" }, formPage: "/account/two-factor");
        Assert.Contains("Mã không đúng", await wrong.Content.ReadAsStringAsync());
        setUp = await admin.GetStringAsync("/account/two-factor");
        var enabled = await admin.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = CodeFor(setUp) }, formPage: "/account/two-factor");
        var enabledHtml = await enabled.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(enabledHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
        Assert.DoesNotContain(codes[0], await admin.GetStringAsync("/account/two-factor"));

        // Signing in again asks for the second factor; a recovery code works once.
        using var again = factory.CreateSiteClient();
        var password = await again.PostFormAsync("/login", new() { ["UserName"] = SiteFactory.AdminUser, ["Password"] = SiteFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/two-factor/sign-in", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/admin")).StatusCode);
        // Typed as people do: lower case, without the hyphen.
        var recovered = await again.PostFormAsync("/account/two-factor/sign-in", new() { ["Code"] = codes[0].Replace("-", "").ToLowerInvariant(), ["UseRecoveryCode"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal("/admin", recovered.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/admin")).StatusCode);
        using var third = factory.CreateSiteClient();
        await third.PostFormAsync("/login", new() { ["UserName"] = SiteFactory.AdminUser, ["Password"] = SiteFactory.AdminPassword });
        var reused = await third.PostFormAsync("/account/two-factor/sign-in", new() { ["Code"] = codes[0], ["UseRecoveryCode"] = "true" });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("Mã khôi phục không hợp lệ", await reused.Content.ReadAsStringAsync());
        Assert.Contains("Đăng nhập bằng mã khôi phục", await admin.GetStringAsync("/admin/audit?action=RecoveryCodeUsed"));
        Assert.Contains("Bật xác thực hai bước", await admin.GetStringAsync("/admin/audit?action=TwoFactorEnabled"));
    }

    [Fact]
    public async Task The_settings_page_overrides_the_configuration_and_can_hand_the_choice_back()
    {
        using var factory = new SiteFactory { Settings = { ["Security:TwoFactorRoles"] = "Administrator" } };
        using var admin = await factory.SetUpAsync();
        // An Editor has no requirement by configuration.
        await CreateUserAsync(factory, "bientap", "Editor");
        using var editor = factory.CreateSiteClient();
        await editor.SignInAsync("bientap", "Bien-tap-2025!");
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin")).StatusCode);

        // The administrator first sets up a second factor (configuration requires it), then requires it for editors.
        var setUp = await admin.GetStringAsync("/account/two-factor");
        await admin.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = CodeFor(setUp) }, formPage: "/account/two-factor");
        var page = await admin.GetStringAsync("/admin/security/two-factor");
        Assert.Contains("Security:TwoFactorRoles", page);
        var saved = await admin.Http.PostAsync("/admin/security/two-factor", new FormUrlEncodedContent(
        [
            new("Roles", "Administrator"), new("Roles", "Editor"), new("Roles", "KhongCoVaiTroNay"),
            new("__RequestVerificationToken", SiteClient.TokenIn(page)!),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editorAdmin = await editor.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, editorAdmin.StatusCode);
        Assert.Equal("/account/two-factor?required=1", editorAdmin.Headers.Location!.OriginalString);

        // Saving nothing turns the requirement off for every role, configuration or not.
        page = await admin.GetStringAsync("/admin/security/two-factor");
        await admin.Http.PostAsync("/admin/security/two-factor", new FormUrlEncodedContent([new("__RequestVerificationToken", SiteClient.TokenIn(page)!)]));
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin")).StatusCode);

        // "Follow the configuration" gives the choice back to Security:TwoFactorRoles (Administrator only).
        page = await admin.GetStringAsync("/admin/security/two-factor");
        await admin.Http.PostAsync("/admin/security/two-factor", new FormUrlEncodedContent(
            [new("Roles", "Editor"), new("FollowConfiguration", "true"), new("__RequestVerificationToken", SiteClient.TokenIn(page)!)]));
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync("/admin")).StatusCode);
        Assert.Contains("name=\"FollowConfiguration\" value=\"true\" checked=\"checked\"", await admin.GetStringAsync("/admin/security/two-factor"));
    }

    [Fact]
    public async Task An_administrator_resets_a_lost_second_factor_and_it_is_audited()
    {
        // The site's own stamp interval (a minute): the admin must still end the session at once.
        using var factory = new SiteFactory();
        using var admin = await factory.SetUpAsync();
        var id = await CreateUserAsync(factory, "guithongbao", "NoticeSender");
        using var sender = factory.CreateSiteClient();
        await sender.SignInAsync("guithongbao", "Bien-tap-2025!");
        var setUp = await sender.GetStringAsync("/account/two-factor");
        await sender.PostFormAsync("/account/two-factor?handler=Enable", new() { ["Code"] = CodeFor(setUp) }, formPage: "/account/two-factor");

        var edit = await admin.GetStringAsync($"/admin/users/{id}");
        Assert.Contains("Đã bật xác thực hai bước", edit);
        Assert.Contains("data-confirm=\"Gỡ xác thực hai bước của guithongbao?", edit);
        var reset = await admin.PostFormAsync($"/admin/users/{id}?handler=ResetTwoFactor", [], formPage: $"/admin/users/{id}");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("Chưa bật xác thực hai bước", await admin.GetStringAsync($"/admin/users/{id}"));
        await using (var scope = factory.Services.CreateAsyncScope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByIdAsync(id))!.TwoFactorEnabled);
        // The user's session ended at once (the next admin request goes to the sign-in page); the password alone signs in again.
        var next = await sender.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/login", next.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await sender.Http.GetAsync("/account/two-factor")).StatusCode);
        using var again = factory.CreateSiteClient();
        var signIn = await again.PostFormAsync("/login", new() { ["UserName"] = "guithongbao", ["Password"] = "Bien-tap-2025!" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("two-factor", signIn.Headers.Location!.OriginalString);
        var audit = await admin.GetStringAsync("/admin/audit?action=TwoFactorReset");
        Assert.Contains("Quản trị viên gỡ xác thực hai bước", audit);
        Assert.Contains("guithongbao", audit);
    }

    private static async Task<string> CreateUserAsync(SiteFactory factory, string name, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = name, Email = name + "@example.org" };
        Assert.True((await users.CreateAsync(user, "Bien-tap-2025!")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}
