using System.Globalization;
using System.Text;
using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Core.Settings;
using ClosedXML.Excel;

namespace ChildProtection.Campaigns.Reach;

/// <summary>
/// A campaign's reach as files: CSV (UTF-8 with a BOM, so Excel shows Vietnamese right; a cell starting with
/// = + - @ is written as text) of the reports or of the totals per ward, and one XLSX workbook (ClosedXML, as
/// the directory's export) with the totals per ward, per kind of activity and every report, numbers as numbers.
/// </summary>
public static class ReachExport
{
    public static readonly string[] ReportHeaders =
    [
        "Mã báo cáo", "Phiên bản", "Ngày hoạt động", "Loại hoạt động", "Nội dung", "Mã phường/xã", "Phường/xã", "Đơn vị báo cáo",
        "Số buổi", "Trẻ em", "Cha mẹ", "Giáo viên", "Người khác", "Tổng người tham gia",
        "Áp phích", "Tờ rơi", "Sổ tay", "Sản phẩm tiện ích", "Tài liệu khác", "Tiếp cận gián tiếp",
        "Người nhập", "Thời điểm nhập", "Ghi chú / lý do sửa",
    ];

    public static readonly string[] WardHeaders =
    [
        "Mã phường/xã", "Phường/xã", "Số báo cáo", "Số buổi", "Trẻ em", "Cha mẹ", "Giáo viên", "Người khác", "Tổng người tham gia",
        "Áp phích", "Tờ rơi", "Sổ tay", "Sản phẩm tiện ích", "Tài liệu khác", "Tiếp cận gián tiếp",
    ];

    public static object[] ReportRow(ReachReport r, SiteTime time) =>
    [
        r.ReportId, r.Version, r.ActivityDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), CampaignVocabulary.ActivityText(r.ActivityKind), r.Title ?? "",
        r.WardCode, r.WardName, r.OrganisationName ?? "",
        r.Sessions, r.Children, r.Parents, r.Teachers, r.Others, r.Participants,
        r.Posters, r.Leaflets, r.Handbooks, r.HandyItems, r.OtherMaterials, r.IndirectReach,
        r.CreatedBy ?? "", time.Format(r.CreatedUtc), r.ChangeNote ?? "",
    ];

    public static object[] FiguresRow(string code, string name, ReachFigures f) =>
    [
        code, name, f.Reports, f.Sessions, f.Children, f.Parents, f.Teachers, f.Others, f.Participants,
        f.Posters, f.Leaflets, f.Handbooks, f.HandyItems, f.OtherMaterials, f.IndirectReach,
    ];

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<object[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", headers.Select(Cell))).Append("\r\n");
        foreach (var row in rows) sb.Append(string.Join(",", row.Select(v => Cell(Text(v))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] Xlsx(string campaignTitle, CampaignReach reach, IReadOnlyList<ReachReport> reports, SiteTime time)
    {
        using var book = new XLWorkbook();
        var wards = book.Worksheets.Add("Theo phường, xã");
        wards.Cell(1, 1).SetValue(campaignTitle);
        wards.Cell(1, 1).Style.Font.Bold = true;
        var rows = reach.Wards.Select(w => FiguresRow(w.WardCode, w.WardName, w.Figures))
            .Append(FiguresRow("", "Tổng cộng", reach.Total)).ToList();
        Fill(wards, 3, WardHeaders, rows);
        wards.Row(3 + rows.Count).Style.Font.Bold = true;

        var kinds = book.Worksheets.Add("Theo loại hoạt động");
        Fill(kinds, 1, ["Loại hoạt động", .. WardHeaders[2..]],
            reach.Kinds.Select(k => FiguresRow("", k.KindText, k.Figures)[1..]).ToList());

        var list = book.Worksheets.Add("Danh sách báo cáo");
        Fill(list, 1, ReportHeaders, reports.Select(r => ReportRow(r, time)).ToList());

        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Fill(IXLWorksheet sheet, int firstRow, IReadOnlyList<string> headers, IReadOnlyList<object[]> rows)
    {
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(firstRow, c + 1).SetValue(headers[c]);
            sheet.Cell(firstRow, c + 1).Style.Font.Bold = true;
        }
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(firstRow + 1 + r, c + 1);
                switch (rows[r][c])
                {
                    case int i: cell.SetValue(i); break;
                    case long l: cell.SetValue(l); break;
                    // SetValue keeps text as text: a name starting with "=" is never read as a formula.
                    case var v: cell.SetValue(Text(v)); break;
                }
            }
        sheet.SheetView.FreezeRows(firstRow);
        // Widths from the text's length: ClosedXML's AdjustToContents measures fonts with System.Drawing, which Linux lacks.
        for (var c = 0; c < headers.Count; c++)
        {
            var longest = rows.Take(500).Select(r => c < r.Length ? Text(r[c]).Length : 0).Append(headers[c].Length).Max();
            sheet.Column(c + 1).Width = Math.Clamp(longest + 2, 8, 60);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Cell(string value)
    {
        // A cell starting with = + - @ would be a formula to a spreadsheet: written as text instead.
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
