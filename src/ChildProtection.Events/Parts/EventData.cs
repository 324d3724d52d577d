using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;

namespace ChildProtection.Events.Parts;

/// <summary>One line of an event's programme: "08:00 | Khai mạc | Lãnh đạo UBND phường".</summary>
public sealed record AgendaItem(string Time, string Item, string? Speaker)
{
    public override string ToString() => Speaker is null ? $"{Time} | {Item}" : $"{Time} | {Item} | {Speaker}";

    /// <summary>Reads "time | item | speaker" (the speaker is optional); null when the line has no item.</summary>
    public static AgendaItem? Parse(string line)
    {
        var cells = line.Split('|', 3, StringSplitOptions.TrimEntries);
        if (cells.Length < 2 || cells[1].Length == 0) return null;
        return new AgendaItem(cells[0], cells[1], cells.Length == 3 && cells[2].Length > 0 ? cells[2] : null);
    }
}

/// <summary>
/// An event's part read into plain values, after the part handler has normalised it, so reading never
/// fails: a missing or wrong value reads as empty. Times are UTC instants; pages show them in the site's zone.
/// </summary>
public sealed record EventData(
    string Kind,
    DateTime StartUtc,
    DateTime EndUtc,
    string? Venue,
    string? Address,
    string? MapUrl,
    string? WardCode,
    string? Organiser,
    IReadOnlyList<string> Audiences,
    int? Capacity,
    bool RegistrationEnabled,
    DateTime? RegistrationOpensUtc,
    DateTime? RegistrationClosesUtc,
    IReadOnlyList<AgendaItem> Agenda,
    IReadOnlyList<string> CampaignIds,
    bool Cancelled,
    string? CancellationReason,
    bool VoicesEnabled,
    string? Report)
{
    public const string TypeName = "Event";
    public const string PartName = "EventPart";
    /// <summary>The type's own field part, holding the photos afterwards (a media field named Photos).</summary>
    public const string FieldsPartName = "Event";
    public const string PhotosField = "Photos";

    public string KindText => EventVocabulary.KindText(Kind);

    /// <summary>When registrations stop: the end of the window, else the start of the event.</summary>
    public DateTime RegistrationDeadlineUtc => RegistrationClosesUtc ?? StartUtc;

    /// <summary>The address a map opens at: the one given, else a map search for the address (or the venue).</summary>
    public string? MapLink => MapUrl ?? ((Address ?? Venue) is { Length: > 0 } place
        ? "https://www.google.com/maps/search/?api=1&query=" + Uri.EscapeDataString(place) : null);

    public bool IsRegistrationOpen(DateTime nowUtc) =>
        RegistrationEnabled && !Cancelled && nowUtc < RegistrationDeadlineUtc && nowUtc < EndUtc
        && (RegistrationOpensUtc is null || nowUtc >= RegistrationOpensUtc);

    /// <summary>Children's questions are taken before a forum starts, while the editor keeps them open.</summary>
    public bool AreVoicesOpen(DateTime nowUtc) => VoicesEnabled && !Cancelled && nowUtc < StartUtc;

    public static EventData From(ContentItem item)
    {
        var part = item.Part(PartName) ?? new JsonObject();
        var start = Date(part["StartUtc"]) ?? DateTime.MinValue;
        return new EventData(
            Text(part["Kind"]) ?? "talk",
            start,
            Date(part["EndUtc"]) ?? start,
            Text(part["Venue"]),
            Text(part["Address"]),
            Text(part["MapUrl"]),
            Text(part["WardCode"]),
            Text(part["Organiser"]),
            Strings(part["Audiences"]),
            Number(part["Capacity"]) is { } c && c >= 1 && c <= int.MaxValue ? (int)c : null,
            part["RegistrationEnabled"]?.GetValueKind() == JsonValueKind.True,
            Date(part["RegistrationOpensUtc"]),
            Date(part["RegistrationClosesUtc"]),
            Strings(part["Agenda"]).Select(AgendaItem.Parse).Where(a => a is not null).Select(a => a!).ToList(),
            Strings(part["CampaignIds"]),
            part["Cancelled"]?.GetValueKind() == JsonValueKind.True,
            Text(part["CancellationReason"]),
            part["VoicesEnabled"]?.GetValueKind() == JsonValueKind.True,
            Text(part["Report"]));
    }

    /// <summary>The photos' display data written by the media field (Url, Alt, SrcSet …), as templates read it.</summary>
    public static JsonArray? Photos(ContentItem item) =>
        (item.Part(FieldsPartName)?[PhotosField] as JsonObject)?["Files"] as JsonArray;

    /// <summary>A JSON number however it was made (parsed text, or a value built from an int or a decimal).</summary>
    private static decimal? Number(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    internal static DateTime? Date(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String
        && DateTime.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(Text).Where(s => s is not null).Select(s => s!).Distinct().ToList() : [];
}
