using ChildProtection.Core.Caching;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Events.Registration;

/// <summary>How a registration attempt ended: refused with a reason, refused field by field, or written (confirmed or waiting).</summary>
public sealed record RegistrationOutcome(
    EventRegistration? Registration,
    IReadOnlyDictionary<string, (string Key, object[] Args)> FieldErrors,
    (string Key, object[] Args)? Refusal)
{
    public bool Succeeded => Registration is not null;
}

public enum CancelOutcome { Cancelled, AlreadyCancelled, NotFound }

/// <summary>
/// Takes registrations, keeps the capacity, runs the waiting list and promises the e-mails. Seats are
/// taken by one conditional UPDATE (<c>Taken + n &lt;= Capacity</c>) inside the transaction that writes the
/// registration and its e-mail: PostgreSQL re-checks the condition on the row it waited for, SQLite runs
/// one writer at a time, so however many people register at the same instant the seats are never
/// oversold, and a registration is never written without its e-mail (nor the reverse).
/// </summary>
public sealed class RegistrationDesk(EventsDbContext db, EventMailQueue mailQueue, TimeProvider clock, IPublicPageCache pages, ILogger<RegistrationDesk> logger)
{
    public async Task<RegistrationOutcome> RegisterAsync(string eventId, RegistrationRequest request, string? siteUrl = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == eventId && e.Listed, cancellationToken);
        var refusal = entry is null ? ("This event is no longer on the site.", Array.Empty<object>()) : Refuse(entry, now);
        if (refusal is { } r) return new RegistrationOutcome(null, new Dictionary<string, (string, object[])>(), r);

        var errors = new Dictionary<string, (string Key, object[] Args)>();
        var input = RegistrationInput.Check(request, entry!.Capacity, errors);
        if (input is null) return new RegistrationOutcome(null, errors, null);

        var duplicate = await db.Registrations.AsNoTracking().AnyAsync(x => x.EventId == eventId && x.Email == input.Email
            && x.Organisation == input.Organisation && x.Status != RegistrationStatus.Cancelled, cancellationToken);
        if (duplicate)
            return new RegistrationOutcome(null, errors, ("{0} has already registered with {1}. The e-mail we sent has a link to see or cancel that registration.", [input.Organisation, input.Email]));

        var registration = new EventRegistration
        {
            EventId = eventId,
            Organisation = input.Organisation,
            ContactName = input.ContactName,
            Email = input.Email,
            Phone = input.Phone,
            Participants = input.Participants,
            CreatedUtc = now,
            SiteUrl = siteUrl is { Length: <= 200 } ? siteUrl : null,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var n = input.Participants;
            var took = await db.Entries
                .Where(e => e.ContentItemId == eventId && (e.Capacity == null || e.Taken + n <= e.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Taken, e => e.Taken + n), cancellationToken);
            registration.Status = took == 1 ? RegistrationStatus.Confirmed : RegistrationStatus.Waiting;
            registration.ConfirmedUtc = took == 1 ? now : null;
            db.Registrations.Add(registration);
            await db.SaveChangesAsync(cancellationToken);
            db.Mails.Add(NewMail(registration.Id, took == 1 ? EventMailKind.Confirmed : EventMailKind.Waiting, now));
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            // Seats left show on event pages, the schedule, campaign pages and the home page.
            await pages.EvictAsync([PageCacheTags.Type(EventData.TypeName)], CancellationToken.None);
        }
        db.ChangeTracker.Clear();
        mailQueue.Kick();
        return new RegistrationOutcome(registration, errors, null);
    }

    /// <summary>Why nobody may register now, or null when registration is open.</summary>
    public static (string Key, object[] Args)? Refuse(EventEntry entry, DateTime now)
    {
        if (entry.Cancelled) return ("This event has been cancelled; it takes no registrations.", []);
        if (!entry.RegistrationEnabled) return ("This event takes no registrations on the site.", []);
        if (now >= entry.EndUtc) return ("This event has already taken place.", []);
        if (entry.RegistrationOpensUtc is { } opens && now < opens) return ("Registration opens at {0}.", [opens]);
        var deadline = entry.RegistrationClosesUtc ?? entry.StartUtc;
        if (now >= deadline) return ("Registration closed at {0}.", [deadline]);
        return null;
    }

    /// <summary>Cancels a registration (the registrant through the personal link, or an editor); its seats go to those waiting.</summary>
    public async Task<CancelOutcome> CancelAsync(long registrationId, string cancelledBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null) return CancelOutcome.NotFound;
        if (registration.Status == RegistrationStatus.Cancelled) return CancelOutcome.AlreadyCancelled;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var status = registration.Status;
            var changed = await db.Registrations.Where(r => r.Id == registrationId && r.Status == status)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled)
                    .SetProperty(r => r.CancelledUtc, now).SetProperty(r => r.CancelledBy, cancelledBy), cancellationToken);
            if (changed == 0)
            {
                // Someone else changed it meanwhile (it moved up, or was cancelled twice at once): nothing of ours to undo.
                await tx.RollbackAsync(cancellationToken);
                return CancelOutcome.AlreadyCancelled;
            }
            if (status == RegistrationStatus.Confirmed)
            {
                var n = registration.Participants;
                await db.Entries.Where(e => e.ContentItemId == registration.EventId)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Taken, e => e.Taken - n), cancellationToken);
            }
            db.Mails.Add(NewMail(registrationId, EventMailKind.Cancelled, now));
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            // Seats left show on event pages, the schedule, campaign pages and the home page.
            await pages.EvictAsync([PageCacheTags.Type(EventData.TypeName)], CancellationToken.None);
        }
        db.ChangeTracker.Clear();
        await MoveUpAsync(registration.EventId, cancellationToken);
        mailQueue.Kick();
        return CancelOutcome.Cancelled;
    }

    /// <summary>
    /// Gives free seats to those waiting, earliest first; a group too large for what is free keeps its place
    /// while a smaller one behind it moves up. Each move is its own transaction with the same conditional
    /// seat update as a registration, so it races safely with new registrations and other cancellations.
    /// Nobody moves up once the event has started or when it is cancelled.
    /// </summary>
    public async Task<int> MoveUpAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == eventId, cancellationToken);
        if (entry is null || !entry.Listed || entry.Cancelled || now >= entry.StartUtc) return 0;
        var waiting = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waiting)
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var w in waiting)
        {
            var n = w.Participants;
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var took = await db.Entries
                .Where(e => e.ContentItemId == eventId && (e.Capacity == null || e.Taken + n <= e.Capacity))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Taken, e => e.Taken + n), cancellationToken);
            if (took == 0)
            {
                await tx.RollbackAsync(cancellationToken);
                continue;
            }
            var promoted = await db.Registrations.Where(r => r.Id == w.Id && r.Status == RegistrationStatus.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed).SetProperty(r => r.ConfirmedUtc, now), cancellationToken);
            if (promoted == 0)
            {
                // Cancelled or moved up by someone else meanwhile: give the seats back by rolling back.
                await tx.RollbackAsync(cancellationToken);
                continue;
            }
            db.Mails.Add(NewMail(w.Id, EventMailKind.MovedUp, now));
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            // Seats left show on event pages, the schedule, campaign pages and the home page.
            await pages.EvictAsync([PageCacheTags.Type(EventData.TypeName)], CancellationToken.None);
            db.ChangeTracker.Clear();
            moved++;
        }
        if (moved > 0)
        {
            logger.LogInformation("{Count} registrations of event {Event} moved up from the waiting list", moved, eventId);
            mailQueue.Kick();
        }
        return moved;
    }

    /// <summary>Every registrant still registered is told the event is cancelled, with the reason.</summary>
    public async Task<int> TellEventCancelledAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Registrations.AsNoTracking()
            .Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled).Select(r => r.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0) return 0;
        db.Mails.AddRange(ids.Select(id => NewMail(id, EventMailKind.EventCancelled, now)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        mailQueue.Kick();
        return ids.Count;
    }

    /// <summary>Where a waiting registration stands: 1 for the next to move up.</summary>
    public async Task<int> WaitingPositionAsync(EventRegistration registration, CancellationToken cancellationToken = default) =>
        1 + await db.Registrations.AsNoTracking().CountAsync(r => r.EventId == registration.EventId && r.Status == RegistrationStatus.Waiting
            && (r.CreatedUtc < registration.CreatedUtc || (r.CreatedUtc == registration.CreatedUtc && r.Id < registration.Id)), cancellationToken);

    private static EventMail NewMail(long registrationId, EventMailKind kind, DateTime now) =>
        new() { RegistrationId = registrationId, Kind = kind, Status = EventMailStatus.Queued, CreatedUtc = now, NextAttemptUtc = now };
}
