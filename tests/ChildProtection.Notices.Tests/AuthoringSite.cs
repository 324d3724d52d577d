using System.Net;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using ChildProtection.Users.Roles;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Tests;

/// <summary>The whole site with the test directory in place of the real one (see <see cref="AuthoringTestDirectory"/>).</summary>
public sealed class AuthoringSiteFactory : SiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IRecipientDirectory, AuthoringTestDirectory>());
    }
}

/// <summary>
/// A set-up site shared by a test class, with three signed-in people: the administrator, two notice
/// senders (one writes, the other approves) and an editor who may use the admin but not notices.
/// </summary>
public sealed class AuthoringSite : IAsyncLifetime
{
    public const string Password = "Mat-khau-2024!";
    public AuthoringSiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;
    public SiteClient Sender { get; private set; } = null!;
    public SiteClient Approver { get; private set; } = null!;
    public SiteClient Editor { get; private set; } = null!;
    public string Outbox => Path.Combine(Factory.DataPath, "outbox");

    public async Task InitializeAsync()
    {
        Admin = await Factory.SetUpAsync();
        // The setup recipe gives NoticeSender these permissions; set them here too so the tests do not hang on the recipe's wording.
        using (var scope = Factory.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RolePermissionStore>();
            var result = await roles.SaveAsync("NoticeSender", "Gửi công văn", ["AccessAdminPanel", "SendNotices", "ApproveNotices"]);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        Sender = await UserAsync("guicongvan", "guicongvan@ldtbxh.example.gov.vn", "NoticeSender");
        Approver = await UserAsync("duyetcongvan", "duyetcongvan@ldtbxh.example.gov.vn", "NoticeSender");
        Editor = await UserAsync("bientapvien", "bientapvien@vhtt.example.gov.vn", "Editor");
    }

    private async Task<SiteClient> UserAsync(string name, string email, string role)
    {
        var created = await Admin.PostFormAsync("/admin/users/create", new() { ["UserName"] = name, ["Email"] = email, ["Password"] = Password, ["Roles"] = role });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var client = Factory.CreateSiteClient();
        await client.SignInAsync(name, Password);
        return client;
    }

    public T WithDb<T>(Func<NoticesDbContext, T> work)
    {
        using var scope = Factory.Services.CreateScope();
        return work(scope.ServiceProvider.GetRequiredService<NoticesDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<NoticesDbContext, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<NoticesDbContext>());
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        return await work(scope.ServiceProvider);
    }

    public Task<Notice?> FindNoticeAsync(string numberSymbol) =>
        WithDbAsync(db => db.Notices.AsNoTracking().Include(n => n.Targets).Include(n => n.Attachments).FirstOrDefaultAsync(n => n.NumberSymbol == numberSymbol));

    /// <summary>
    /// Stands in for delivery (tested on its own): the notice is marked as sent and its ledger rows are
    /// inserted directly with the DbContext, each with the status and acknowledgement asked for.
    /// </summary>
    public Task<List<NoticeRecipient>> SeedLedgerAsync(int noticeId, NoticeStatus status, DateTime? deadlineUtc, params (string Email, DeliveryStatus Status, bool Acknowledged)[] rows) =>
        WithDbAsync(async db =>
        {
            var notice = await db.Notices.FirstAsync(n => n.Id == noticeId);
            var now = DateTime.UtcNow;
            notice.Status = status;
            notice.ResponseDeadlineUtc = deadlineUtc;
            notice.SendingStartedUtc = now.AddDays(-1);
            notice.SentBy = notice.CreatedBy;
            notice.LinkBaseUrl = "https://treem.example.gov.vn";
            notice.RecipientCount = rows.Length;
            var i = 0;
            var ledger = rows.Select(r => new NoticeRecipient
            {
                NoticeId = noticeId, Email = r.Email, ContactName = "Văn thư", OrganisationId = ++i, OrganisationCode = $"DV{i:00}",
                OrganisationName = $"Trường Tiểu học số {i}", Status = r.Status, Attempts = r.Status == DeliveryStatus.Queued ? 0 : 1,
                SentUtc = r.Status == DeliveryStatus.Sent ? now.AddDays(-1) : null,
                LastError = r.Status == DeliveryStatus.Failed ? "Hộp thư không tồn tại" : null,
                ServerReply = r.Status == DeliveryStatus.Failed ? "550 5.1.1 User unknown" : null,
                AcknowledgedUtc = r.Acknowledged ? now.AddHours(-2) : null, AcknowledgedBy = r.Acknowledged ? "Cô Hạnh" : null,
            }).ToList();
            db.NoticeRecipients.AddRange(ledger);
            await db.SaveChangesAsync();
            return ledger;
        });

    public string TokenFor(NoticeRecipient row, DateTime? expiresUtc = null) =>
        Factory.Services.GetRequiredService<ChildProtection.Notices.Acknowledgement.AcknowledgementTokens>()
            .Create(row.NoticeId, row.Id, expiresUtc ?? DateTime.UtcNow.AddDays(40));

    public Task DisposeAsync()
    {
        foreach (var c in new[] { Admin, Sender, Approver, Editor }) c?.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
