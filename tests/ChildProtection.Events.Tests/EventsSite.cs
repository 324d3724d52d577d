using System.Globalization;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>The whole site (the setup recipe with its sample events), set up once per test class, with a signed-in administrator.</summary>
public sealed class EventsSite : IAsyncLifetime
{
    static EventsSite()
    {
        CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("vi-VN");
    }

    public EventsSite() : this(null) { }

    internal EventsSite(string? postgres) => Factory = new SiteFactory { PostgresConnectionString = postgres };

    public SiteFactory Factory { get; }
    public SiteClient Admin { get; private set; } = null!;

    public async Task InitializeAsync() => Admin = await Factory.SetUpAsync();

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public SiteClient Anonymous() => Factory.CreateSiteClient();

    public string Outbox => Path.Combine(Factory.DataPath, "outbox");

    /// <summary>Creates (and by default publishes) an event through the content manager, as the admin editor does.</summary>
    public async Task<ContentItem> EventAsync(string title, DateTime startLocal, DateTime endLocal, string kind = "training", int? capacity = null,
        bool registration = true, DateTime? closesLocal = null, bool voices = false, string[]? campaigns = null, string? ward = null, bool publish = true, DateTime? closesUtc = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = await contents.NewAsync("Event");
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        item.GetOrCreatePart("SummaryPart")["Summary"] = "Sự kiện thử nghiệm.";
        var part = item.GetOrCreatePart("EventPart");
        part["Kind"] = kind;
        part["StartUtc"] = startLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        part["EndUtc"] = endLocal.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        part["Venue"] = "Hội trường UBND phường Phú Lợi";
        part["Address"] = "12 Huỳnh Văn Lũy, phường Phú Lợi";
        part["RegistrationEnabled"] = registration;
        if (capacity is not null) part["Capacity"] = (decimal)capacity.Value;
        if (closesLocal is not null) part["RegistrationClosesUtc"] = closesLocal.Value.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        // To the second, in UTC: a deadline a few seconds away (the editor's form takes minutes).
        if (closesUtc is not null) part["RegistrationClosesUtc"] = closesUtc.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        part["VoicesEnabled"] = voices;
        part["Agenda"] = new JsonArray("08:00 | Khai mạc | Lãnh đạo phường", "08:30 | Chia sẻ kinh nghiệm");
        if (campaigns is not null) part["CampaignIds"] = new JsonArray(campaigns.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
        if (ward is not null) part["WardCode"] = ward;
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = publish, User = SiteFactory.AdminUser });
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => $"{e.Path}: {e.Format()}")));
        return result.Item!;
    }

    public async Task<T> DbAsync<T>(Func<EventsDbContext, Task<T>> read)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<EventsDbContext>());
    }

    public Task<List<EventRegistration>> RegistrationsAsync(string eventId) =>
        DbAsync(db => db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Id).ToListAsync());

    public Task<EventEntry> EntryAsync(string eventId) =>
        DbAsync(db => db.Entries.AsNoTracking().FirstAsync(e => e.ContentItemId == eventId));

    /// <summary>Waits for the mail job to write the outbox files whose text contains <paramref name="needle"/>.</summary>
    public async Task<List<string>> MailsAsync(string needle, int atLeast, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = Directory.Exists(Outbox)
                ? Directory.GetFiles(Outbox, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => (m.TextBody ?? "").Contains(needle) || (m.Subject ?? "").Contains(needle))
                    .Select(m => m.Subject + "\n" + m.TextBody).ToList()
                : [];
            if (found.Count >= atLeast || DateTime.UtcNow > deadline) return found;
            await Task.Delay(250);
        }
    }

    /// <summary>A local wall-clock time in the site's zone, a number of days from now.</summary>
    public static DateTime Local(int days, int hour, int minute = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone).Date;
        return today.AddDays(days).AddHours(hour).AddMinutes(minute);
    }
}
