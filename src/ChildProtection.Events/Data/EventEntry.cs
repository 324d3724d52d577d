namespace ChildProtection.Events.Data;

/// <summary>
/// One event as the schedule, the feeds and the registration desk read it. The content item is the truth
/// for what it says; this row is rebuilt from the published version whenever it is published, changed,
/// unpublished or removed (and at start-up), so lists are one indexed query. It also holds what belongs to
/// the event and not to any version: the seats taken, and the iCalendar SEQUENCE raised on each change.
/// </summary>
public sealed class EventEntry
{
    public string ContentItemId { get; set; } = "";
    /// <summary>False once unpublished or removed: the row stays so seats and SEQUENCE survive a re-publication.</summary>
    public bool Listed { get; set; }
    public string Path { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string Kind { get; set; } = "";
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public string? WardCode { get; set; }
    /// <summary>The ward's name when the event was last published (a merged ward keeps its old name here).</summary>
    public string? WardName { get; set; }
    public string? Venue { get; set; }
    /// <summary>Campaign ids between bars ("|a|b|"), so a filter is one LIKE.</summary>
    public string Campaigns { get; set; } = "|";
    public bool Cancelled { get; set; }
    public bool RegistrationEnabled { get; set; }
    public int? Capacity { get; set; }
    public DateTime? RegistrationOpensUtc { get; set; }
    public DateTime? RegistrationClosesUtc { get; set; }
    public bool VoicesEnabled { get; set; }
    public bool HasReport { get; set; }
    public DateTime PublishedUtc { get; set; }

    /// <summary>
    /// Participants of confirmed registrations. Changed only by conditional updates
    /// (<c>Taken + n &lt;= Capacity</c>), never by the indexer, so two registrations at the same instant
    /// cannot both take the last seats.
    /// </summary>
    public int Taken { get; set; }

    /// <summary>iCalendar SEQUENCE: raised whenever what a calendar shows of the event changes.</summary>
    public int Sequence { get; set; }
    /// <summary>A hash of what a calendar shows; a new one raises <see cref="Sequence"/>.</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>When <see cref="Fingerprint"/> last changed (iCalendar LAST-MODIFIED).</summary>
    public DateTime ChangedUtc { get; set; }

    public static string Codes(IEnumerable<string> values) => "|" + string.Concat(values.Select(v => v + "|"));

    public int? SeatsLeft => Capacity is { } c ? Math.Max(0, c - Taken) : null;
}
