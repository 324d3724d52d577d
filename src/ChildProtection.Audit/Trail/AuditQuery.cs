using ChildProtection.Audit.Data;
using ChildProtection.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Audit.Trail;

/// <summary>The audit screen's filters, shared by the page and the CSV export so both show the same rows.</summary>
public sealed class AuditFilter
{
    public string? User { get; set; }
    public string? Action { get; set; }
    /// <summary>Local dates (the site's time zone), both inclusive.</summary>
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>An item id, or words of its title.</summary>
    public string? Item { get; set; }

    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query, SiteTime time)
    {
        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim();
            query = query.Where(e => e.Actor == user);
        }
        if (!string.IsNullOrWhiteSpace(Action)) query = query.Where(e => e.Action == Action);
        if (From is { } from) query = query.Where(e => e.AtUtc >= time.ToUtc(from.ToDateTime(TimeOnly.MinValue)));
        if (To is { } to) query = query.Where(e => e.AtUtc < time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        if (!string.IsNullOrWhiteSpace(Item))
        {
            var item = Item.Trim().Normalize();
            query = query.Where(e => e.SubjectId == item || (e.SubjectTitle != null && e.SubjectTitle.Contains(item)));
        }
        return query;
    }

    /// <summary>Trims what a person typed to what the columns can hold; an unknown action is dropped.</summary>
    public void Normalise()
    {
        if (User?.Length > 256) User = User[..256];
        if (Item?.Length > 256) Item = Item[..256];
        if (Action is { Length: > 50 }) Action = null;
        if (From is { } f && To is { } t && f > t) (From, To) = (t, f);
    }
}
