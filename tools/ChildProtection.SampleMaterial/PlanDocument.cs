using System.IO.Compression;
using System.Security;
using System.Text;

namespace ChildProtection.SampleMaterial;

/// <summary>
/// "Kế hoạch tổ chức Tháng hành động vì trẻ em tại trường học (mẫu)" as a Word document (DOCX), written
/// as its Office Open XML parts by hand: headings, paragraphs, lists and a table a school edits and fills in.
/// Fixed entry times keep the bytes the same from run to run.
/// </summary>
public static class PlanDocument
{
    public const string Title = "Kế hoạch tổ chức Tháng hành động vì trẻ em tại trường học (mẫu)";
    private static readonly DateTimeOffset EntryTime = new(2024, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly (string Style, string Text)[] Body =
    [
        ("Center", "TRƯỜNG ……………………………"),
        ("Center", "Số: …/KH-…          ……, ngày … tháng … năm 2024"),
        ("Title", "KẾ HOẠCH"),
        ("Subtitle", "Tổ chức Tháng hành động vì trẻ em năm 2024"),
        ("Heading1", "I. Mục đích, yêu cầu"),
        ("List", "Nâng cao nhận thức của học sinh, cha mẹ và giáo viên về quyền được bảo vệ của trẻ em."),
        ("List", "Phổ biến Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí, 24/7) đến mọi học sinh."),
        ("List", "Mỗi lớp tổ chức ít nhất một hoạt động truyền thông trực tiếp trong tháng 6."),
        ("Heading1", "II. Nội dung hoạt động"),
        ("Heading2", "1. Truyền thông trực tiếp"),
        ("Normal", "Nói chuyện chuyên đề dưới cờ “Quyền được bảo vệ của trẻ em”; sinh hoạt chủ điểm phòng, chống bạo lực học đường và đuối nước; hội thi vẽ tranh “Em bơi an toàn”."),
        ("Heading2", "2. Truyền thông gián tiếp"),
        ("Normal", "Treo áp phích Tổng đài 111 tại cổng trường, hành lang và phòng học; phát tờ rơi “Mùa hè an toàn” cho cha mẹ học sinh; đăng tin trên trang thông tin của trường."),
        ("Heading2", "3. Diễn đàn trẻ em"),
        ("Normal", "Cử đại diện học sinh tham dự diễn đàn trẻ em cấp phường; tổng hợp ý kiến, câu hỏi của học sinh gửi trước (không ghi họ tên)."),
        ("Heading1", "III. Thời gian và phân công"),
        ("Table", ""),
        ("Heading1", "IV. Báo cáo kết quả"),
        ("Normal", "Trước ngày 05/7/2024, nhà trường báo cáo số buổi truyền thông, số lượt học sinh, cha mẹ, giáo viên tham dự và số áp phích, tờ rơi, sổ tay đã phát qua trang báo cáo của chiến dịch."),
        ("Right", "HIỆU TRƯỞNG"),
        ("Right", "(Ký, ghi rõ họ tên)"),
    ];

    private static readonly string[][] Schedule =
    [
        ["Thời gian", "Hoạt động", "Người phụ trách"],
        ["03/6/2024", "Nói chuyện chuyên đề dưới cờ", "Tổng phụ trách Đội"],
        ["10/6 – 14/6/2024", "Sinh hoạt chủ điểm tại các lớp", "Giáo viên chủ nhiệm"],
        ["20/6/2024", "Hội thi vẽ tranh “Em bơi an toàn”", "Tổ Mỹ thuật"],
        ["28/6/2024", "Tổng kết, báo cáo kết quả", "Phó Hiệu trưởng"],
    ];

    public static byte[] Write()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8))
        {
            Add(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
                """);
            Add(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>
                """);
            Add(zip, "word/_rels/document.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            Add(zip, "docProps/core.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{Xml(Title)}</dc:title><dc:creator>Phòng Văn hóa – Thông tin</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T08:00:00Z</dcterms:modified></cp:coreProperties>
                """);
            Add(zip, "docProps/app.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ChildProtection sample material</Application></Properties>
                """);
            Add(zip, "word/styles.xml", Styles());
            Add(zip, "word/document.xml", Document());
        }
        return output.ToArray();
    }

    private static string Document()
    {
        var sb = new StringBuilder();
        sb.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        foreach (var (style, text) in Body)
        {
            if (style == "Table") { sb.Append(Table()); continue; }
            sb.Append("<w:p><w:pPr><w:pStyle w:val=\"").Append(style).Append("\"/></w:pPr><w:r><w:t xml:space=\"preserve\">")
                .Append(Xml(style == "List" ? "– " + text : text)).Append("</w:t></w:r></w:p>");
        }
        sb.Append("""<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>""");
        return sb.ToString();
    }

    private static string Table()
    {
        var sb = new StringBuilder("""<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/><w:gridCol w:w="3000"/></w:tblGrid>""");
        for (var r = 0; r < Schedule.Length; r++)
        {
            sb.Append(r == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
            foreach (var cell in Schedule[r])
            {
                sb.Append("<w:tc><w:p><w:r>");
                if (r == 0) sb.Append("<w:rPr><w:b/></w:rPr>");
                sb.Append("<w:t xml:space=\"preserve\">").Append(Xml(cell)).Append("</w:t></w:r></w:p></w:tc>");
            }
            sb.Append("</w:tr>");
        }
        return sb.Append("</w:tbl>").ToString();
    }

    private static string Styles() => """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="List"><w:name w:val="List"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Center"><w:name w:val="Center"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Right"><w:name w:val="Right"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="5000"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/></w:style></w:styles>
        """;

    /// <summary>A picture of the plan's first page for the library's cover.</summary>
    public static Sheet Cover()
    {
        var s = new Sheet(Sheet.A4Width, Sheet.A4Height);
        const float M = 70;
        s.Rect(0, 0, Sheet.A4Width, 10, Scenes.Blue);
        s.Text(Sheet.A4Width / 2, 80, 13, false, Scenes.Grey, "TRƯỜNG ……………………………", Align.Center);
        s.Text(Sheet.A4Width / 2, 160, 24, true, Scenes.Ink, "KẾ HOẠCH", Align.Center);
        var y = s.Paragraph(M, 195, Sheet.A4Width - 2 * M, 16, true, Scenes.Ink, "Tổ chức Tháng hành động vì trẻ em năm 2024", align: Align.Center) + 20;
        foreach (var (style, text) in Body.Skip(4).Take(10))
        {
            var heading = style.StartsWith("Heading", StringComparison.Ordinal);
            y = s.Paragraph(M, y + (heading ? 8 : 0), Sheet.A4Width - 2 * M, heading ? 13 : 11, heading, heading ? Scenes.Navy : Scenes.Ink, style == "List" ? "– " + text : text, 1.45f) + 4;
        }
        s.Rect(Sheet.A4Width - 200, Sheet.A4Height - 90, 150, 50, Scenes.Blue, 8);
        s.Text(Sheet.A4Width - 125, Sheet.A4Height - 58, 16, true, Scenes.White, "Mẫu DOCX", Align.Center);
        return s;
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(text.Trim());
        stream.Write(bytes);
    }

    private static string Xml(string text) => SecurityElement.Escape(text)!;
}
