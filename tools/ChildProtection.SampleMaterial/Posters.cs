using static ChildProtection.SampleMaterial.Scenes;

namespace ChildProtection.SampleMaterial;

/// <summary>The three A3 portrait posters; each ends with the national child-protection hotline 111.</summary>
public static class Posters
{
    private const float W = Sheet.A3Width, H = Sheet.A3Height, M = 60;

    public static Sheet Hotline()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, Orange);
        s.Text(W / 2, 130, 40, true, White, "TỔNG ĐÀI QUỐC GIA", Align.Center);
        s.Text(W / 2, 185, 40, true, White, "BẢO VỆ TRẺ EM", Align.Center);
        Phone(s, W / 2, 430, 330, Navy, White, Orange);
        s.Text(W / 2, 760, 200, true, White, "111", Align.Center);
        s.Text(W / 2, 830, 34, true, Cream, "Miễn phí · 24 giờ mỗi ngày · 7 ngày mỗi tuần", Align.Center);
        s.Rect(M, 880, W - 2 * M, 220, White, 18);
        var y = s.Paragraph(M + 30, 925, W - 2 * M - 60, 24, true, Ink, "Hãy gọi 111 khi trẻ em:");
        foreach (var line in new[] { "• bị bạo lực, xâm hại hoặc bị bỏ rơi;", "• bị bắt nạt ở trường hay trên mạng;", "• cần được lắng nghe, tư vấn và giúp đỡ." })
            y = s.Paragraph(M + 30, y + 4, W - 2 * M - 60, 24, false, Ink, line);
        Footer(s, Navy, White);
        return s;
    }

    public static Sheet Drowning()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, White);
        Water(s, 0, 0, W, 560);
        s.Text(W / 2, 640, 46, true, Navy, "PHÒNG, CHỐNG ĐUỐI NƯỚC", Align.Center);
        s.Text(W / 2, 695, 34, true, Sea, "Trẻ em biết bơi, an toàn dưới nước", Align.Center);
        var y = 770f;
        foreach (var message in new[]
        {
            "Luôn có người lớn đi cùng khi trẻ ở gần nước.",
            "Học bơi và học kỹ năng an toàn dưới nước.",
            "Không tắm ở ao, hồ, sông, kênh rạch khi không có người lớn trông chừng.",
            "Rào chắn, đậy nắp bể, lu, giếng trong nhà.",
        })
        {
            s.Circle(M + 14, y - 9, 9, Sun);
            y = s.Paragraph(M + 40, y, W - 2 * M - 40, 26, false, Ink, message) + 14;
        }
        s.Text(W / 2, 1060, 30, true, Red, "Thấy trẻ gặp nguy hiểm: gọi ngay 111 hoặc 115", Align.Center);
        Footer(s, Navy, White);
        return s;
    }

    public static Sheet ActionMonth()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, White);
        Balloons(s, 0, 0, W, 600);
        s.Text(W / 2, 680, 44, true, Green, "THÁNG HÀNH ĐỘNG VÌ TRẺ EM", Align.Center);
        s.Text(W / 2, 735, 36, true, Orange, "Từ 01/6 đến 30/6/2024", Align.Center);
        var y = s.Paragraph(M + 20, 800, W - 2 * M - 40, 25, false, Ink, "“Hành động thiết thực, ưu tiên nguồn lực cho trẻ em”", align: Align.Center) + 16;
        foreach (var message in new[]
        {
            "Trẻ em có quyền được bảo vệ để không bị bạo lực, xâm hại.",
            "Lắng nghe ý kiến của trẻ em trong các việc liên quan đến trẻ em.",
        })
            y = s.Paragraph(M + 20, y, W - 2 * M - 40, 24, false, Grey, message, align: Align.Center) + 8;
        s.Rect(M, 990, W - 2 * M, 70, Green, 14);
        s.Text(W / 2, 1036, 30, true, White, "Khi trẻ em cần giúp đỡ, hãy gọi 111", Align.Center);
        Footer(s, Navy, White);
        return s;
    }

    /// <summary>The band every poster ends with: the hotline's full name and who issued the poster.</summary>
    private static void Footer(Sheet s, Rgb band, Rgb text)
    {
        s.Rect(0, H - 80, W, 80, band);
        s.Text(W / 2, H - 45, 22, true, text, "Tổng đài quốc gia bảo vệ trẻ em 111 – miễn phí, 24/7", Align.Center);
        s.Text(W / 2, H - 18, 16, false, text, "Phòng Văn hóa – Thông tin · Được in và chia sẻ tự do", Align.Center);
    }
}
