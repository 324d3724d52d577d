namespace ChildProtection.Events.Parts;

/// <summary>
/// The fixed choices of an event: its kind (the activity kinds named in the city's notices) and who it is
/// for. Values are stored codes, stable in addresses, filters and feeds; the Vietnamese words are what
/// people read.
/// </summary>
public static class EventVocabulary
{
    public static readonly IReadOnlyList<(string Value, string Text)> Kinds =
    [
        ("forum", "Diễn đàn"),
        ("talk", "Nói chuyện chuyên đề"),
        ("session", "Sinh hoạt chủ đề"),
        ("contest", "Hội thi"),
        ("workshop", "Hội thảo"),
        ("training", "Tập huấn"),
        ("seminar", "Tọa đàm"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Audiences =
    [
        ("children", "Trẻ em, học sinh"),
        ("parents", "Cha mẹ, người chăm sóc trẻ"),
        ("teachers", "Giáo viên, nhà trường"),
        ("collaborators", "Cộng tác viên bảo vệ trẻ em"),
        ("officials", "Cán bộ phường, xã"),
        ("community", "Cộng đồng dân cư"),
    ];

    public const string Forum = "forum";

    public static string KindText(string? value) => TextOf(Kinds, value);
    public static string AudienceText(string? value) => TextOf(Audiences, value);
    public static bool IsKind(string? value) => Kinds.Any(k => k.Value == value);
    public static bool IsAudience(string? value) => Audiences.Any(k => k.Value == value);

    private static string TextOf(IReadOnlyList<(string Value, string Text)> list, string? value) =>
        list.FirstOrDefault(k => k.Value == value).Text ?? value ?? "";
}
