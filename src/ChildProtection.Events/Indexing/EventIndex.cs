using System.Security.Cryptography;
using System.Text;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Indexing;

/// <summary>What changed when an event's row was written, for the registration desk to act on.</summary>
internal sealed record IndexChange(EventEntry Entry, bool NewlyCancelled, bool MoreSeats);

/// <summary>
/// Keeps <see cref="EventEntry"/> rows in step with published events. Seats taken are never written
/// here; SEQUENCE goes up when what a calendar shows (title, times, place, status, description) changes.
/// </summary>
internal sealed class EventIndex(EventsDbContext db, IServiceProvider services, TimeProvider clock)
{
    public async Task<IndexChange> UpsertAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        var data = EventData.From(item);
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = await db.Entries.FirstOrDefaultAsync(e => e.ContentItemId == item.ContentItemId, cancellationToken);
        var isNew = entry is null;
        entry ??= new EventEntry { ContentItemId = item.ContentItemId, ChangedUtc = now };
        var wasCancelled = !isNew && entry.Listed && entry.Cancelled;
        var oldCapacity = isNew ? 0 : entry.Capacity;
        var wasListed = !isNew && entry.Listed;

        string? wardName = null;
        if (data.WardCode is not null && services.GetService<IRecipientDirectory>() is { } directory)
            wardName = (await directory.GetOrganisationByCodeAsync(data.WardCode, cancellationToken))?.Name;

        entry.Listed = true;
        entry.Path = item.Path ?? "";
        entry.Title = Cut(item.DisplayText, 1024)!;
        entry.Summary = Cut(item.Get<string>("SummaryPart", "Summary"), 1000);
        entry.Kind = data.Kind;
        entry.StartUtc = data.StartUtc;
        entry.EndUtc = data.EndUtc;
        entry.WardCode = data.WardCode;
        entry.WardName = Cut(wardName ?? (data.WardCode == entry.WardCode ? entry.WardName : null) ?? data.WardCode, 300);
        entry.Venue = Cut(data.Venue, 300);
        entry.Campaigns = Cut(EventEntry.Codes(data.CampaignIds), 200)!;
        entry.Cancelled = data.Cancelled;
        entry.RegistrationEnabled = data.RegistrationEnabled;
        entry.Capacity = data.Capacity;
        entry.RegistrationOpensUtc = data.RegistrationOpensUtc;
        entry.RegistrationClosesUtc = data.RegistrationClosesUtc;
        entry.VoicesEnabled = data.VoicesEnabled;
        entry.HasReport = data.Report is not null;
        entry.PublishedUtc = item.PublishedUtc ?? now;

        var fingerprint = Fingerprint(item, data);
        if (entry.Fingerprint != fingerprint)
        {
            if (!isNew && entry.Fingerprint.Length > 0) entry.Sequence++;
            entry.Fingerprint = fingerprint;
            entry.ChangedUtc = now;
        }
        if (isNew) db.Entries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var moreSeats = !isNew && (!wasListed || (data.Capacity is null && oldCapacity is not null) || (data.Capacity is { } c && oldCapacity is { } o && c > o));
        return new IndexChange(entry, data.Cancelled && !wasCancelled && !isNew, moreSeats);
    }

    /// <summary>Off the schedule: the row stays (seats, SEQUENCE, registrations keep their event) but is no longer listed.</summary>
    public async Task UnlistAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        await db.Entries.Where(e => e.ContentItemId == contentItemId && e.Listed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Listed, false), cancellationToken);

    /// <summary>What a subscribed calendar shows of the event; any change to it is a new SEQUENCE.</summary>
    internal static string Fingerprint(ContentItem item, EventData data)
    {
        var text = string.Join('\u001f',
            item.DisplayText, item.Path, item.Get<string>("SummaryPart", "Summary"), data.Kind,
            data.StartUtc.ToString("O"), data.EndUtc.ToString("O"), data.Venue, data.Address, data.MapLink,
            data.Organiser, data.Cancelled ? "cancelled" : "", data.CancellationReason, string.Join('\u001e', data.Agenda));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string? Cut(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;
}
