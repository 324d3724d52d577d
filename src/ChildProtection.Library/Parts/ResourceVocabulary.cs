namespace ChildProtection.Library.Parts;

/// <summary>
/// The fixed choices of a resource: what it is, who it is for and its language. Values are stored codes
/// (stable in URLs and filters); the Vietnamese words are what people see.
/// </summary>
public static class ResourceVocabulary
{
    public static readonly IReadOnlyList<(string Value, string Text)> Kinds =
    [
        ("poster", "Áp phích"),
        ("leaflet", "Tờ rơi"),
        ("handbook", "Sổ tay"),
        ("slides", "Bài trình chiếu"),
        ("video", "Video (liên kết)"),
        ("other", "Tài liệu khác"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Audiences =
    [
        ("children", "Trẻ em"),
        ("parents", "Cha mẹ"),
        ("teachers", "Giáo viên"),
        ("collaborators", "Cộng tác viên"),
        ("officials", "Cán bộ"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Languages =
    [
        ("vi", "Tiếng Việt"),
        ("en", "Tiếng Anh"),
        ("km", "Tiếng Khmer"),
        ("zh", "Tiếng Hoa"),
    ];

    public const string DefaultUsageNote = "Tự do in và chia sẻ";

    public static string KindText(string? value) => TextOf(Kinds, value);
    public static string AudienceText(string? value) => TextOf(Audiences, value);
    public static string LanguageText(string? value) => TextOf(Languages, value);

    public static bool IsKind(string? value) => Kinds.Any(k => k.Value == value);
    public static bool IsAudience(string? value) => Audiences.Any(k => k.Value == value);
    public static bool IsLanguage(string? value) => Languages.Any(k => k.Value == value);

    private static string TextOf(IReadOnlyList<(string Value, string Text)> list, string? value) =>
        list.FirstOrDefault(k => k.Value == value).Text ?? value ?? "";
}
