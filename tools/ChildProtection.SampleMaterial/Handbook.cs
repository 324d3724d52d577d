using static ChildProtection.SampleMaterial.Scenes;

namespace ChildProtection.SampleMaterial;

/// <summary>
/// "Sổ tay bảo vệ trẻ em" (A5): a cover, six chapters with headings, paragraphs and lists that flow over
/// as many pages as they need, and a back cover with the hotline.
/// </summary>
public static class Handbook
{
    private const float W = Sheet.A5Width, H = Sheet.A5Height, M = 40, Body = 11;
    public const string Title = "Sổ tay bảo vệ trẻ em";

    private sealed record Chapter(string Heading, string[] Blocks);

    // A block starting with "• " is a list item; "## " a subheading; anything else a paragraph.
    private static readonly Chapter[] Chapters =
    [
        new("Quyền được bảo vệ của trẻ em", [
            "Luật Trẻ em năm 2016 quy định trẻ em là người dưới 16 tuổi. Mọi trẻ em đều có quyền được sống, được chăm sóc, được học tập, được vui chơi và được bảo vệ để không bị bạo lực, xâm hại, bóc lột hay bỏ rơi.",
            "Bảo vệ trẻ em là trách nhiệm của gia đình, nhà trường, cộng đồng và toàn xã hội. Cha mẹ và thầy cô là những người ở gần trẻ nhất, nên thường là người đầu tiên nhận ra khi trẻ gặp nguy hiểm.",
            "## Ba cấp độ bảo vệ",
            "• Phòng ngừa: truyền thông, dạy kỹ năng tự bảo vệ, tạo môi trường an toàn.",
            "• Hỗ trợ: phát hiện sớm, can thiệp khi trẻ có nguy cơ bị tổn hại.",
            "• Can thiệp: chăm sóc, trị liệu, giúp trẻ bị tổn hại hòa nhập trở lại.",
        ]),
        new("Nhận biết dấu hiệu bạo lực, xâm hại", [
            "Trẻ bị bạo lực hoặc xâm hại thường không kể ra vì sợ hãi, xấu hổ hay bị đe dọa. Người lớn cần để ý những thay đổi khác thường kéo dài ở trẻ.",
            "## Dấu hiệu trên cơ thể",
            "• Vết bầm tím, vết bỏng, vết thương không được giải thích rõ ràng.",
            "• Đau, ngứa hoặc chảy máu ở vùng kín; khó đi lại, khó ngồi.",
            "## Dấu hiệu trong hành vi",
            "• Sợ hãi một người hay một nơi nào đó, không muốn về nhà hoặc đến trường.",
            "• Thu mình, hay khóc, mất ngủ, gặp ác mộng; kết quả học tập sa sút đột ngột.",
            "• Có hiểu biết hoặc hành vi tình dục không phù hợp với lứa tuổi.",
        ]),
        new("Khi trẻ kể với bạn", [
            "Khi trẻ tìm đến bạn, đó là lúc trẻ tin tưởng bạn nhất. Cách bạn phản ứng sẽ quyết định trẻ có tiếp tục chia sẻ và được giúp đỡ hay không.",
            "• Giữ bình tĩnh, lắng nghe, không ngắt lời và không đổ lỗi cho trẻ.",
            "• Nói với trẻ: “Con đã làm đúng khi kể cho cô (chú) nghe.”",
            "• Không hứa giữ bí mật; giải thích rằng bạn sẽ nhờ người có trách nhiệm giúp.",
            "• Ghi lại những gì trẻ kể bằng chính lời của trẻ, không tra hỏi.",
            "• Báo ngay cho Tổng đài 111, công an hoặc UBND phường, xã nơi trẻ sống.",
        ]),
        new("Phòng, chống đuối nước", [
            "Đuối nước là nguyên nhân hàng đầu gây tử vong do tai nạn thương tích ở trẻ em, nhất là trong dịp hè. Phần lớn các trường hợp xảy ra ngay gần nhà, ở ao, hồ, kênh rạch, thậm chí trong lu, chậu nước.",
            "## Cha mẹ cần",
            "• Luôn có người lớn trông chừng khi trẻ ở gần nước, kể cả khi trẻ đã biết bơi.",
            "• Cho trẻ học bơi và kỹ năng an toàn dưới nước ở nơi có người hướng dẫn.",
            "• Rào chắn ao, hồ; đậy nắp bể, lu, giếng trong nhà.",
            "## Dạy trẻ nhớ",
            "• Không tự ý xuống nước khi không có người lớn.",
            "• Thấy bạn bị đuối nước: không nhảy xuống cứu, hãy hô to gọi người lớn và ném phao, can, gậy cho bạn bám.",
        ]),
        new("An toàn trên môi trường mạng", [
            "Mạng xã hội và trò chơi trực tuyến mang lại nhiều điều bổ ích nhưng cũng có nguy cơ bị bắt nạt, lừa đảo, dụ dỗ. Hãy đồng hành cùng trẻ thay vì chỉ cấm đoán.",
            "• Đặt máy tính, điện thoại ở nơi chung của gia đình; thỏa thuận thời gian dùng.",
            "• Dạy trẻ không chia sẻ họ tên, địa chỉ, trường học, ảnh riêng tư với người lạ.",
            "• Dặn trẻ kể ngay với cha mẹ, thầy cô khi bị đe dọa hay nhận được nội dung làm trẻ sợ hãi.",
            "• Giữ lại tin nhắn, hình ảnh làm bằng chứng và báo cho Tổng đài 111.",
        ]),
        new("Tổng đài 111 và nơi hỗ trợ", [
            "Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 hoạt động 24 giờ mỗi ngày, 7 ngày mỗi tuần, miễn phí cho người gọi từ điện thoại cố định và di động. Mọi thông tin người gọi cung cấp đều được giữ bí mật.",
            "• Gọi 111 để thông báo, tố giác hành vi bạo lực, xâm hại trẻ em, hoặc để được tư vấn.",
            "• Gọi 113 (công an) khi trẻ đang gặp nguy hiểm tức thời; 115 khi cần cấp cứu.",
            "• Liên hệ UBND phường, xã hoặc cộng tác viên bảo vệ trẻ em ở khu phố.",
            "Sổ tay này được in và chia sẻ tự do cho mục đích truyền thông không thu phí.",
        ]),
    ];

    public static IReadOnlyList<Sheet> Pages()
    {
        var pages = new List<Sheet> { Cover() };
        var number = 2;
        Sheet? page = null;
        var y = 0f;
        for (var c = 0; c < Chapters.Length; c++)
        {
            // Every chapter starts a page, with its number and heading in a coloured band.
            page = NewPage(pages, ref number);
            page.Rect(0, 0, W, 86, Blue);
            page.Text(M, 38, 12, true, Sky, $"PHẦN {c + 1}");
            page.Paragraph(M, 62, W - 2 * M, 18, true, White, Chapters[c].Heading, 1.25f);
            y = 118;
            foreach (var block in Chapters[c].Blocks)
            {
                var (text, size, bold, indent, before) = block.StartsWith("## ", StringComparison.Ordinal) ? (block[3..], 13f, true, 0f, 8f)
                    : block.StartsWith("• ", StringComparison.Ordinal) ? (block[2..], Body, false, 14f, 0f)
                    : (block, Body, false, 0f, 2f);
                var lines = Fonts.Wrap(text, size, bold, W - 2 * M - indent);
                if (y + before + lines.Count * size * 1.45f > H - 56)
                {
                    page = NewPage(pages, ref number);
                    y = 60;
                }
                y += before;
                if (indent > 0) page.Circle(M + 4, y - 3.5f, 2.5f, Blue);
                var colour = bold ? (Rgb)Navy : Ink;
                y = page.Paragraph(M + indent, y, W - 2 * M - indent, size, bold, colour, text, 1.45f) + 4;
            }
        }
        pages.Add(BackCover());
        return pages;
    }

    private static Sheet NewPage(List<Sheet> pages, ref int number)
    {
        var s = new Sheet(W, H);
        s.Rect(M, H - 40, W - 2 * M, 0.8f, SeaLight);
        s.Text(M, H - 24, 9, false, Grey, Title + " · Tổng đài 111");
        s.Text(W - M, H - 24, 9, true, Grey, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Align.Right);
        number++;
        pages.Add(s);
        return s;
    }

    public static Sheet Cover()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, Navy);
        Water(s, 0, 250, W, 260);
        s.Text(M, 80, 14, true, Sun, "DÀNH CHO CHA MẸ VÀ THẦY CÔ");
        s.Paragraph(M, 125, W - 2 * M, 32, true, White, "Sổ tay bảo vệ trẻ em", 1.2f);
        s.Paragraph(M, 200, W - 2 * M, 13, false, Sky, "Nhận biết, lắng nghe và hành động để trẻ em được an toàn ở nhà, ở trường và trên mạng");
        s.Rect(0, 510, W, 85, Orange);
        s.Text(W / 2, 548, 20, true, White, "Tổng đài 111", Align.Center);
        s.Text(W / 2, 574, 12, false, White, "Tổng đài quốc gia bảo vệ trẻ em – miễn phí, 24/7", Align.Center);
        return s;
    }

    private static Sheet BackCover()
    {
        var s = new Sheet(W, H);
        s.Rect(0, 0, W, H, Orange);
        Phone(s, W / 2, 200, 200, Navy, White, Orange);
        s.Text(W / 2, 370, 18, true, White, "Khi trẻ em cần giúp đỡ", Align.Center);
        s.Text(W / 2, 440, 64, true, White, "111", Align.Center);
        s.Text(W / 2, 475, 12, false, White, "Tổng đài quốc gia bảo vệ trẻ em – miễn phí, 24/7", Align.Center);
        s.Text(W / 2, 560, 10, false, Cream, "Phòng Văn hóa – Thông tin · Phòng Lao động – Thương binh và Xã hội", Align.Center);
        return s;
    }
}
