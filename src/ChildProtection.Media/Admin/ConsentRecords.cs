using System.Globalization;
using ChildProtection.Audit;
using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Media.Admin;

/// <summary>What staff enter about the children an image shows and the consent for it.</summary>
public sealed record ConsentInput(bool ShowsChildren, string? GivenBy, string? Relation, string? Date, string? FormLocation);

/// <summary>
/// Marks an image as showing identifiable children and keeps its consent record; every change goes to the
/// audit trail with what changed (old → new), who changed it and when. A record may be saved incomplete
/// (the signed form is still on its way); <see cref="Content.ChildConsentCheck"/> keeps the image out of
/// published content until it is complete.
/// </summary>
public sealed class ConsentRecords(MediaDbContext db, IAuditTrail audit, IStringLocalizer<MediaText> T)
{
    public const string AuditAction = AuditActions.MediaConsentChanged;

    /// <summary>Who may consent for a child (stored as these keys, shown translated).</summary>
    public static readonly string[] Relations = ["Mother", "Father", "Guardian"];

    public async Task<MediaChange> SaveAsync(string id, ConsentInput input, string? actor, DateOnly today, CancellationToken cancellationToken = default)
    {
        var record = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (record is null) return MediaChange.Fail(T["The file does not exist."]);
        if (record.Kind != MediaKind.Image && input.ShowsChildren) return MediaChange.Fail(T["Only an image can be marked as showing children."]);

        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(input.Date))
        {
            var text = input.Date.Trim();
            if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return MediaChange.Fail(T["The consent date {0} is not a valid date (dd/mm/yyyy).", text]);
            if (parsed > today) return MediaChange.Fail(T["The consent date {0} is in the future.", parsed.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)]);
            date = parsed;
        }
        var relation = MediaLibrary.Clean(input.Relation, 100);
        if (relation is not null && !Relations.Contains(relation))
            return MediaChange.Fail(T["Consent can be given only by a parent (mother or father) or a guardian."]);
        var before = Describe(record);
        record.ShowsChildren = input.ShowsChildren;
        record.ConsentGivenBy = MediaLibrary.Clean(input.GivenBy, 200);
        record.ConsentRelation = relation;
        record.ConsentDate = date;
        record.ConsentFormLocation = MediaLibrary.Clean(input.FormLocation, 300);
        var after = Describe(record);
        if (before.SequenceEqual(after))
        {
            db.ChangeTracker.Clear();
            return MediaChange.Ok;
        }
        record.ModifiedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var changes = before.Zip(after).Where(p => p.First.Value != p.Second.Value)
            .Select(p => $"{p.First.Label}: {Show(p.First.Value)} → {Show(p.Second.Value)}");
        await audit.RecordAsync(new AuditEntry(AuditAction, actor)
        {
            Category = AuditCategories.Content,
            SubjectId = record.Id,
            SubjectTitle = record.OriginalName,
            Detail = string.Join("; ", changes),
        }, cancellationToken);
        return MediaChange.Ok;
    }

    private List<(string Label, string Value)> Describe(MediaRecord r) =>
    [
        (T["Shows identifiable children"], r.ShowsChildren ? T["yes"] : T["no"]),
        (T["Consent given by"], r.ConsentGivenBy ?? ""),
        (T["Relation to the child"], r.ConsentRelation is { } relation ? T[relation].Value : ""),
        (T["Consent date"], r.ConsentDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? ""),
        (T["Where the signed form is kept"], r.ConsentFormLocation ?? ""),
    ];

    private static string Show(string value) => value.Length == 0 ? "–" : $"\"{value}\"";
}
