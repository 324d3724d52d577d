using System.Text.Json;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using ChildProtection.Events;

namespace ChildProtection.Campaigns.Public;

/// <summary>Plain data for templates (dictionaries and lists, which Fluid reads without registration).</summary>
internal static class CampaignViews
{
    public static Dictionary<string, object?> Basics(ContentItem item, CampaignData data, CampaignStatus status) => new()
    {
        ["Status"] = CampaignData.StatusCode(status),
        ["StatusText"] = CampaignData.StatusText(status),
        ["IsRunning"] = status == CampaignStatus.Running,
        ["PeriodText"] = data.PeriodText,
        ["StartDate"] = data.Start?.ToString("yyyy-MM-dd"),
        ["EndDate"] = data.End?.ToString("yyyy-MM-dd"),
        ["Theme"] = data.Theme,
        ["Goals"] = data.Goals.Cast<object?>().ToList(),
        ["Audiences"] = data.Audiences.Select(a => (object?)CampaignVocabulary.AudienceText(a)).ToList(),
        ["KeyMessages"] = data.KeyMessages.Cast<object?>().ToList(),
        ["Partners"] = data.Partners.Cast<object?>().ToList(),
        ["Wards"] = new List<object?>(),
        ["Url"] = "/" + item.Path,
    };

    public static Dictionary<string, object?> Link(ContentItem item) => new()
    {
        ["Id"] = item.ContentItemId,
        ["Title"] = Text(item.Part("TitlePart")?["Title"]) ?? item.DisplayText,
        ["Url"] = string.IsNullOrEmpty(item.Path) ? null : "/" + item.Path,
        ["Summary"] = Text(item.Part("SummaryPart")?["Summary"]),
        ["PublishedUtc"] = item.PublishedUtc,
        ["Type"] = item.ContentType,
    };

    public static Dictionary<string, object?> Event(EventSummary e) => new()
    {
        ["Id"] = e.ContentItemId,
        ["Title"] = e.Title,
        ["Url"] = e.Url,
        ["StartUtc"] = DateTime.SpecifyKind(e.StartUtc, DateTimeKind.Utc),
        ["EndUtc"] = DateTime.SpecifyKind(e.EndUtc, DateTimeKind.Utc),
        ["Kind"] = e.Kind,
        ["KindLabel"] = e.KindLabel,
        ["WardName"] = e.WardName,
        ["Venue"] = e.Venue,
        ["Cancelled"] = e.Cancelled,
        ["RegistrationOpen"] = e.RegistrationOpen,
        ["SeatsLeft"] = e.SeatsLeft,
    };

    public static Dictionary<string, object?> Reach(CampaignReach reach) => new()
    {
        ["Reports"] = ReachChart.Number(reach.Total.Reports),
        ["Sessions"] = ReachChart.Number(reach.Total.Sessions),
        ["Participants"] = ReachChart.Number(reach.Total.Participants),
        ["Materials"] = ReachChart.Number(reach.Total.Materials),
        ["IndirectReach"] = ReachChart.Number(reach.Total.IndirectReach),
        ["HasIndirect"] = reach.Total.IndirectReach > 0,
        ["Groups"] = Bars(reach.Total.ByGroup()),
        ["MaterialKinds"] = Bars(reach.Total.ByMaterial()),
        ["Wards"] = Bars(reach.Wards.Select(w => (w.WardName, w.Figures.Participants))),
    };

    public static List<object?> Bars(IEnumerable<(string Label, long Value)> values) =>
        ReachChart.Bars(values).Select(b => (object?)new Dictionary<string, object?>
        {
            ["Label"] = b.Label, ["Value"] = b.ValueText, ["Percent"] = b.Percent,
        }).ToList();

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
