using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Organisations;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The whole site (Hangfire polling every second) with the test directory in place of the real one. Give
/// <see cref="DataPath"/> to run a second host on the same data folder and database (a restart).
/// </summary>
public sealed class DeliverySiteFactory : SiteFactory
{
    public DeliveryDirectoryData Directory { get; } = new();

    /// <param name="nodeName">Another node's name (a take-over by another node); the same name on every host otherwise.</param>
    public DeliverySiteFactory(string? dataPath = null, string? postgres = null, bool runJobServer = true, string? nodeName = null)
    {
        if (dataPath is not null) Settings["App:DataPath"] = dataPath;
        PostgresConnectionString = postgres;
        Settings["Jobs:RunServer"] = runJobServer ? "true" : "false";
        Settings["Jobs:WorkerCount"] = "4";
        // Stable across the two hosts of a restart test, as a real node's name is.
        Settings["Notices:NodeName"] = nodeName ?? "bvte-test-node";
    }

    public new string DataPath => Settings.TryGetValue("App:DataPath", out var p) && p is not null ? p : base.DataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Directory);
            services.AddScoped<IRecipientDirectory, DeliveryTestDirectory>();
        });
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithAsync(Func<IServiceProvider, Task> work) => WithAsync<bool>(async sp => { await work(sp); return true; });

    public Task UseSmtpAsync(LoopbackSmtpServer server) => WithAsync(sp => sp.GetRequiredService<SmtpSettingsService>().SaveAsync(new SmtpSettings
    {
        Host = "127.0.0.1", Port = server.Port, TlsMode = SmtpTlsMode.None, SenderAddress = "vanthu@ldtbxh.example.gov.vn",
        SenderName = "Phòng Lao động – Thương binh và Xã hội", TimeoutSeconds = 5,
    }, null));

    public Task UseOutboxAsync() => WithAsync(sp => sp.GetRequiredService<SmtpSettingsService>().SaveAsync(new SmtpSettings(), null));

    /// <summary>Fast retries for tests: back-off from one second.</summary>
    public Task SetDeliveryAsync(int connections = 2, int claimSize = 20, int maxAttempts = 8, int backoffSeconds = 1, int rate = 0) =>
        WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().SaveAsync(new DeliverySettings
        {
            Connections = connections, ClaimSize = claimSize, MaxAttempts = maxAttempts, BackoffBaseSeconds = backoffSeconds, RatePerMinute = rate,
        }));

    public const string PdfName = "Công văn 2869-UBND-LĐTBXH.pdf";
    public const string ReplyTo = "baovetreem@ldtbxh.example.gov.vn";
    public const string Subject = "Hướng dẫn thực hiện Tháng hành động vì trẻ em năm 2026";

    /// <summary>A draft notice to <paramref name="groupId"/> with a PDF attached, written straight to the database (authoring is not under test here).</summary>
    public Task<int> CreateNoticeAsync(int groupId, Action<Notice>? change = null, IEnumerable<int>? organisations = null) => WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<NoticesDbContext>();
        var now = DateTime.UtcNow;
        var notice = new Notice
        {
            Issuer = "Phòng Lao động – Thương binh và Xã hội", NumberSymbol = "2869/UBND-LĐTBXH", Summary = "V/v triển khai Tháng hành động vì trẻ em năm 2026",
            Subject = Subject, BodyHtml = "<p>Kính gửi các đơn vị,</p><p>Đề nghị các trường phản hồi trước hạn.</p>",
            ReplyToAddress = ReplyTo, ReplyToName = "Phòng LĐTBXH", CreatedBy = "guicongvan", CreatedUtc = now, UpdatedUtc = now, Status = NoticeStatus.Draft,
            SignerTitle = "TRƯỞNG PHÒNG", SignerName = "Nguyễn Văn An",
        };
        notice.Targets.Add(new NoticeTarget { Kind = NoticeTargetKind.Group, TargetId = groupId, Label = $"Nhóm {groupId}" });
        foreach (var o in organisations ?? []) notice.Targets.Add(new NoticeTarget { Kind = NoticeTargetKind.Organisation, TargetId = o, Label = $"Đơn vị {o}" });
        change?.Invoke(notice);
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        var stored = Guid.NewGuid().ToString("N") + ".pdf";
        var pdf = "%PDF-1.4\n% Công văn thử\n"u8.ToArray();
        await sp.GetRequiredService<NoticeFiles>().WriteAsync(notice.Id, stored, new MemoryStream(pdf), null, CancellationToken.None);
        db.NoticeAttachments.Add(new NoticeAttachment
        {
            NoticeId = notice.Id, FileName = PdfName, ContentType = "application/pdf", Size = pdf.Length, StoredName = stored, Sha256 = new string('0', 64), UploadedUtc = now,
        });
        await db.SaveChangesAsync();
        return notice.Id;
    });

    public const string LinkBase = "https://baovetreem.example.gov.vn";

    public Task<DeliveryCommandResult> StartAsync(int noticeId, string actor = "guicongvan") =>
        WithAsync(sp => sp.GetRequiredService<INoticeDelivery>().StartAsync(noticeId, actor, LinkBase));

    public Task<DeliveryCommandResult> CommandAsync(Func<INoticeDelivery, Task<DeliveryCommandResult>> command) =>
        WithAsync(sp => command(sp.GetRequiredService<INoticeDelivery>()));

    public Task<DeliveryProgress> ProgressAsync(int noticeId) => WithAsync(sp => sp.GetRequiredService<INoticeDelivery>().GetProgressAsync(noticeId));

    public Task<List<NoticeRecipient>> RowsAsync(int noticeId) =>
        WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId).OrderBy(r => r.Id).ToListAsync());

    public Task<List<NoticeEvent>> EventsAsync(int noticeId) =>
        WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeEvents.AsNoTracking().Where(e => e.NoticeId == noticeId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Polls the notice's progress until <paramref name="done"/> holds; generous, since CI has two shared cores.</summary>
    public async Task<DeliveryProgress> WaitForAsync(int noticeId, Func<DeliveryProgress, bool> done, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        DeliveryProgress progress;
        while (true)
        {
            progress = await ProgressAsync(noticeId);
            if (done(progress)) return progress;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Notice {noticeId} did not get there in {seconds} s; last progress: {progress}");
            await Task.Delay(200);
        }
    }

    public async Task<List<NoticeRecipient>> WaitForRowsAsync(int noticeId, Func<List<NoticeRecipient>, bool> done, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var rows = await RowsAsync(noticeId);
            if (done(rows)) return rows;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Notice {noticeId}: the ledger did not get there in {seconds} s");
            await Task.Delay(200);
        }
    }

    public Task<DeliveryProgress> WaitCompletedAsync(int noticeId, int seconds = 180) =>
        WaitForAsync(noticeId, p => p.Status == NoticeStatus.Completed, seconds);
}

/// <summary>
/// Delivery tests run one class at a time and not beside other collections: each drives Hangfire workers
/// and an SMTP server (CI has two cores), and Hangfire keeps process-wide state that one host's shutdown
/// would pull from under another (see <see cref="DeliverySiteFactory"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeliveryCollection
{
    public const string Name = "Notice delivery";
}

/// <summary>One set-up site shared by a test class.</summary>
public sealed class DeliverySite : IAsyncLifetime
{
    public DeliverySiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;

    public async Task InitializeAsync() => Admin = await Factory.SetUpAsync();

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
