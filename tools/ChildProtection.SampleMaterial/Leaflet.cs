using static ChildProtection.SampleMaterial.Scenes;

namespace ChildProtection.SampleMaterial;

/// <summary>
/// The drowning-prevention leaflet: A4 landscape, two sides, folded in three. Side 1 holds (left to right)
/// the inner flap, the back panel and the front cover; side 2 the three inside panels.
/// </summary>
public static class Leaflet
{
    private const float W = Sheet.A4Height, H = Sheet.A4Width, Panel = W / 3, M = 24;
    public const string Title = "Tờ rơi Mùa hè an toàn – phòng, chống đuối nước";

    public static IReadOnlyList<Sheet> Sides() => [Outside(), Inside()];

    public static Sheet Outside()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, White);
        Column(s, 0, "Khi thấy trẻ gặp nguy hiểm dưới nước", [
            "• Hô to gọi người lớn đến giúp.",
            "• Ném phao, can nhựa, gậy hoặc dây cho trẻ bám; không nhảy xuống nếu không biết cứu người.",
            "• Gọi 115 để được cấp cứu.",
            "• Khi đưa trẻ lên bờ: đặt trẻ nằm nghiêng, giữ ấm, làm hô hấp nhân tạo nếu trẻ ngừng thở.",
        ]);
        s.Rect(Panel, 0, Panel, H, Orange);
        Phone(s, Panel * 1.5f, 170, 170, Navy, White, Orange);
        s.Text(Panel * 1.5f, 330, 16, true, White, "Tổng đài quốc gia", Align.Center);
        s.Text(Panel * 1.5f, 352, 16, true, White, "bảo vệ trẻ em", Align.Center);
        s.Text(Panel * 1.5f, 420, 56, true, White, "111", Align.Center);
        s.Text(Panel * 1.5f, 450, 12, false, White, "Miễn phí · 24/7 · Giữ bí mật", Align.Center);
        s.Paragraph(Panel + M, 520, Panel - 2 * M, 9, false, Cream, "Phòng Văn hóa – Thông tin phối hợp Phòng Lao động – Thương binh và Xã hội. Được in và chia sẻ tự do.", 1.4f, Align.Center);
        Water(s, Panel * 2, 0, Panel, 330);
        s.Paragraph(Panel * 2 + M, 380, Panel - 2 * M, 24, true, Navy, "Mùa hè an toàn", 1.2f);
        s.Paragraph(Panel * 2 + M, 420, Panel - 2 * M, 15, true, Sea, "Phòng, chống đuối nước cho trẻ em", 1.3f);
        s.Paragraph(Panel * 2 + M, 480, Panel - 2 * M, 11, false, Grey, "Hưởng ứng Ngày thế giới phòng, chống đuối nước 25/7", 1.4f);
        return s;
    }

    public static Sheet Inside()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, Sky);
        Column(s, 0, "Vì sao trẻ dễ bị đuối nước?", [
            "Đuối nước là nguyên nhân hàng đầu gây tử vong do tai nạn thương tích ở trẻ em.",
            "• Trẻ chưa biết bơi hoặc bơi chưa vững.",
            "• Trẻ chơi gần ao, hồ, kênh rạch mà không có người lớn.",
            "• Bể, lu, giếng trong nhà không có nắp đậy.",
        ]);
        Column(s, Panel, "Cha mẹ cần làm gì?", [
            "• Luôn trông chừng trẻ khi ở gần nước.",
            "• Cho trẻ học bơi và kỹ năng an toàn dưới nước.",
            "• Rào chắn, đậy nắp bể, lu, giếng.",
            "• Cho trẻ mặc áo phao khi đi thuyền, đò.",
        ]);
        Column(s, Panel * 2, "Dạy trẻ nhớ", [
            "• Chỉ xuống nước khi có người lớn đi cùng.",
            "• Không tắm ở ao, hồ, sông, kênh rạch.",
            "• Thấy bạn bị đuối nước: hô to gọi người lớn, ném đồ cho bạn bám.",
            "• Nhớ số 111 và 115.",
        ]);
        return s;
    }

    private static void Column(Sheet s, float x, string heading, string[] blocks)
    {
        var y = s.Paragraph(x + M, 56, Panel - 2 * M, 17, true, Navy, heading, 1.25f) + 10;
        foreach (var block in blocks)
        {
            var bullet = block.StartsWith("• ", StringComparison.Ordinal);
            var text = bullet ? block[2..] : block;
            if (bullet) s.Circle(x + M + 4, y - 3.5f, 3, Orange);
            y = s.Paragraph(x + M + (bullet ? 14 : 0), y, Panel - 2 * M - (bullet ? 14 : 0), 11.5f, false, Ink, text, 1.45f) + 8;
        }
    }
}
