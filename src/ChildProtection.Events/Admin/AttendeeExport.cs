using System.Text;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Events.Admin;

/// <summary>
/// An event's attendee list as CSV (UTF-8 with BOM, so Excel shows Vietnamese right; cells a spreadsheet
/// would run as a formula are written as text) or XLSX (ClosedXML, every cell text). Confirmed first, then
/// the waiting list in order, then the cancelled.
/// </summary>
public sealed class AttendeeExport(EventsDbContext db, IStringLocalizer<EventsText> T)
{
    public async Task<List<string[]>> RowsAsync(string eventId, SiteTime time, CancellationToken cancellationToken)
    {
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId)
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var rows = new List<string[]>
        {
            new[] { T["No."].Value, T["School, class or group"].Value, T["Contact"].Value, T["E-mail"].Value, T["Phone"].Value,
                T["Participants"].Value, T["Status"].Value, T["Registered at"].Value, T["Cancelled at"].Value },
        };
        var n = 0;
        foreach (var r in registrations)
        {
            rows.Add([(++n).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Organisation, r.ContactName, r.Email, r.Phone ?? "",
                r.Participants.ToString(System.Globalization.CultureInfo.InvariantCulture), StatusText(r.Status),
                time.Format(r.CreatedUtc), time.Format(r.CancelledUtc)]);
        }
        return rows;
    }

    public string StatusText(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Confirmed => T["Confirmed"],
        RegistrationStatus.Waiting => T["Waiting list"],
        _ => T["Cancelled"],
    };

    public static byte[] Csv(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows) sb.Append(string.Join(",", row.Select(Cell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static byte[] Xlsx(IReadOnlyList<string[]> rows, string sheetName)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(sheetName);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                cell.DataType = XLDataType.Text;
                cell.SetValue(rows[r][c]);
                if (r == 0) cell.Style.Font.Bold = true;
            }
        }
        sheet.SheetView.FreezeRows(1);
        // Widths set by hand: measuring text (AdjustToContents) needs System.Drawing, which Linux servers lack.
        foreach (var (column, width) in new[] { (1, 6), (2, 40), (3, 24), (4, 30), (5, 16), (6, 10), (7, 16), (8, 18), (9, 18) }) sheet.Column(column).Width = width;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
