namespace ChildProtection.Notices.Authoring;

/// <summary>The administrative document types a notice usually is (Decree 30/2020/NĐ-CP names them in Vietnamese; they are data, not UI text).</summary>
public static class DocumentTypes
{
    public static readonly IReadOnlyList<string> Common =
    [
        "Công văn", "Kế hoạch", "Thông báo", "Quyết định", "Hướng dẫn", "Chỉ thị", "Báo cáo", "Tờ trình", "Giấy mời", "Chương trình", "Công điện",
    ];
}
