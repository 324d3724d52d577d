using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;

namespace ChildProtection.Campaigns.Parts;

public enum CampaignStatus { Upcoming, Running, Ended }

/// <summary>
/// A campaign's own data as stored by <see cref="CampaignPart"/>, read without throwing: a value of the wrong
/// kind reads as absent. Dates are calendar days (no time, no zone).
/// </summary>
public sealed record CampaignData(
    string? Theme,
    DateOnly? Start,
    DateOnly? End,
    IReadOnlyList<string> Goals,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> WardCodes,
    IReadOnlyList<string> KeyMessages,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> ArticleIds,
    IReadOnlyList<string> ResourceIds,
    IReadOnlyList<string> EventIds,
    bool ShowReachPublicly)
{
    public const string TypeName = "Campaign";
    public const string PartName = "CampaignPart";
    public const string TopicsPart = "Topics";

    public static CampaignData From(ContentItem item)
    {
        var part = item.Part(PartName);
        return new CampaignData(
            Text(part?["Theme"]),
            Day(part?["StartDate"]),
            Day(part?["EndDate"]),
            Strings(part?["Goals"]),
            Strings(part?["Audiences"]),
            Strings(part?["WardCodes"]),
            Strings(part?["KeyMessages"]),
            Strings(part?["Partners"]),
            Strings(part?["ArticleIds"]),
            Strings(part?["ResourceIds"]),
            Strings(part?["EventIds"]),
            part?["ShowReachPublicly"]?.GetValueKind() == JsonValueKind.True);
    }

    /// <summary>Upcoming before the first day, running from the first to the last day inclusive, ended after; by the site's calendar.</summary>
    public CampaignStatus StatusOn(DateOnly today) =>
        Start is { } s && today < s ? CampaignStatus.Upcoming
        : End is { } e && today > e ? CampaignStatus.Ended
        : CampaignStatus.Running;

    public bool Covers(DateOnly day) => (Start is null || Start <= day) && (End is null || day <= End);

    /// <summary>"01/06/2024 – 30/06/2024".</summary>
    public string PeriodText => $"{Format(Start)} – {Format(End)}";

    public static string Format(DateOnly? day) => day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "…";

    /// <summary>The item's topic ids (the TermsPart attached as <c>Topics</c>).</summary>
    public static IReadOnlyList<string> TopicsOf(ContentItem item) => Strings(item.Part(TopicsPart)?["TermIds"]);

    public static string StatusText(CampaignStatus status) => status switch
    {
        CampaignStatus.Upcoming => "Sắp diễn ra",
        CampaignStatus.Running => "Đang diễn ra",
        _ => "Đã kết thúc",
    };

    public static string StatusCode(CampaignStatus status) => status switch
    {
        CampaignStatus.Upcoming => "upcoming",
        CampaignStatus.Running => "running",
        _ => "ended",
    };

    internal static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    internal static DateOnly? Day(JsonNode? node) =>
        Text(node) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    internal static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>().Trim()).Where(s => s.Length > 0).Distinct().ToList()
            : [];
}
