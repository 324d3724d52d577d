namespace ChildProtection.Campaigns.Parts;

/// <summary>
/// The fixed choices of campaigns and their reports. Values are stored codes (stable in data, exports and
/// recipes); the Vietnamese words are what people read. Activity kinds and materials follow the city's
/// reporting notice: direct communication (talks, themed sessions, contests, workshops, trainings, forums,
/// seminars) and indirect channels (television, social networks, ward loudspeakers, printed material).
/// </summary>
public static class CampaignVocabulary
{
    public static readonly IReadOnlyList<(string Value, string Text)> Audiences =
    [
        ("children", "Trẻ em"),
        ("parents", "Cha mẹ, người chăm sóc trẻ"),
        ("teachers", "Giáo viên, nhà trường"),
        ("community", "Cộng đồng dân cư"),
        ("officials", "Cán bộ phường, xã"),
        ("collaborators", "Cộng tác viên bảo vệ trẻ em"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> ActivityKinds =
    [
        ("talk", "Nói chuyện chuyên đề"),
        ("themed-session", "Sinh hoạt chủ điểm"),
        ("contest", "Hội thi"),
        ("workshop", "Hội thảo"),
        ("training", "Tập huấn"),
        ("forum", "Diễn đàn trẻ em"),
        ("seminar", "Tọa đàm"),
        ("television", "Truyền hình"),
        ("social-network", "Mạng xã hội"),
        ("loudspeaker", "Loa phát thanh phường, xã"),
        ("distribution", "Phát tài liệu truyền thông"),
        ("other", "Hoạt động khác"),
    ];

    /// <summary>Who took part: the groups the report counts.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> ParticipantGroups =
    [
        ("children", "Trẻ em"),
        ("parents", "Cha mẹ"),
        ("teachers", "Giáo viên"),
        ("others", "Người khác"),
    ];

    /// <summary>What was handed out.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> MaterialKinds =
    [
        ("posters", "Áp phích"),
        ("leaflets", "Tờ rơi"),
        ("handbooks", "Sổ tay"),
        ("handy-items", "Sản phẩm tiện ích (vở, quạt, túi, khẩu trang)"),
        ("other-materials", "Tài liệu khác"),
    ];

    public static string AudienceText(string? value) => TextOf(Audiences, value);
    public static string ActivityText(string? value) => TextOf(ActivityKinds, value);
    public static bool IsAudience(string? value) => Audiences.Any(a => a.Value == value);
    public static bool IsActivity(string? value) => ActivityKinds.Any(a => a.Value == value);

    private static string TextOf(IReadOnlyList<(string Value, string Text)> list, string? value) =>
        list.FirstOrDefault(k => k.Value == value).Text ?? value ?? "";
}
