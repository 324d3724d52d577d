using System.Globalization;
using System.Text;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;
using ClosedXML.Excel;

namespace ChildProtection.Notices.Replies;

/// <summary>
/// Every reply's last version as a table: the organisation (code, name, ward), when and which version,
/// then one column per field in the form's order. XLSX through ClosedXML (numbers as numbers, dates as
/// dates, so the office can sum and sort) and CSV in UTF-8 with a BOM so Excel shows Vietnamese right.
/// </summary>
public static class ReplyExport
{
    public static readonly string[] FixedHeaders = ["Mã đơn vị", "Đơn vị", "Phường/xã", "Thời điểm trả lời", "Phiên bản", "Người gửi"];

    public static IReadOnlyList<string> Headers(ReplySummary summary) => [.. FixedHeaders, .. summary.Fields.Select(f => f.Label)];

    /// <summary>The cells of one reply: strings, decimals and DateOnly values.</summary>
    public static IEnumerable<object[]> Rows(ReplySummary summary, SiteTime time) =>
        summary.Rows.Where(r => r.Last is not null).Select(r =>
        {
            var reply = r.Last!;
            var cells = new List<object>
            {
                r.OrganisationCode, r.OrganisationName, reply.WardName ?? "", time.Format(reply.SubmittedUtc), reply.Version, reply.SubmittedBy ?? "",
            };
            foreach (var field in summary.Fields)
            {
                var value = reply.Values.FirstOrDefault(v => v.FieldId == field.Id);
                cells.Add(field.Kind switch
                {
                    _ when value is null => "",
                    ReplyFieldKind.Number when value.Number is { } n => n,
                    ReplyFieldKind.Date when value.Date is { } d => d,
                    _ => value.Text ?? "",
                });
            }
            return cells.ToArray();
        });

    public static byte[] Csv(ReplySummary summary, SiteTime time)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Headers(summary).Select(Cell))).Append("\r\n");
        foreach (var row in Rows(summary, time)) sb.Append(string.Join(",", row.Select(v => Cell(Text(v))))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] Xlsx(string title, ReplySummary summary, SiteTime time)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add("Trả lời");
        sheet.Cell(1, 1).SetValue(title);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        var headers = Headers(summary);
        for (var c = 0; c < headers.Count; c++)
        {
            sheet.Cell(3, c + 1).SetValue(headers[c]);
            sheet.Cell(3, c + 1).Style.Font.Bold = true;
        }
        var row = 4;
        foreach (var cells in Rows(summary, time))
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                switch (cells[c])
                {
                    case decimal n: cell.SetValue(n); break;
                    case int i: cell.SetValue(i); break;
                    case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); cell.Style.DateFormat.Format = "dd/mm/yyyy"; break;
                    // Text stays text: a school's "=1+1" is not a formula.
                    case var v: cell.SetValue(Text(v)); break;
                }
            }
            row++;
        }
        // Widths set by hand: measuring text (AdjustToContents) needs System.Drawing, which Linux servers lack.
        for (var c = 0; c < headers.Count; c++) sheet.Column(c + 1).Width = Math.Clamp(headers[c].Length + 4, 12, 50);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Text(object v) => v switch
    {
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        DateOnly d => ReplyValues.FormatDate(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Cell(string value)
    {
        // A cell starting with = + - @ would be a formula to a spreadsheet: written as text instead.
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
