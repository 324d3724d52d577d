using System.Globalization;
using System.Text;
using ChildProtection.Organisations.Data;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations.Import;

/// <summary>
/// The directory as a table in the import format: one row per organisation, wards first, the first
/// contact's name and role and every address of the organisation. Export → import changes nothing.
/// </summary>
public sealed class DirectoryExport(DirectoryDbContext db)
{
    public async Task<List<string[]>> RowsAsync(CancellationToken cancellationToken = default)
    {
        var orgs = await db.Organisations.AsNoTracking()
            .OrderBy(o => o.Kind == OrganisationKind.Ward || o.Kind == OrganisationKind.Commune ? 0 : 1).ThenBy(o => o.Code)
            .Select(o => new
            {
                o.Id, o.Code, o.Name, o.Kind, o.Level, o.Address, o.ValidFrom, o.ValidTo,
                Ward = db.Organisations.Where(w => w.Id == o.WardId).Select(w => w.Code).FirstOrDefault(),
                Successor = db.Organisations.Where(s => s.Id == o.SuccessorId).Select(s => s.Code).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        var contacts = (await db.Contacts.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.OrganisationId, c.Name, c.Role }).ToListAsync(cancellationToken))
            .ToLookup(c => c.OrganisationId);
        var emails = (await (from e in db.ContactEmails.AsNoTracking()
                             join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
                             orderby c.Id, e.Id
                             select new { c.OrganisationId, e.Address }).ToListAsync(cancellationToken))
            .ToLookup(e => e.OrganisationId, e => e.Address);
        var rows = new List<string[]>(orgs.Count);
        foreach (var o in orgs)
        {
            var first = contacts[o.Id].FirstOrDefault();
            rows.Add(
            [
                o.Code, o.Name, DirectoryTerms.Label(o.Kind), o.Level is { } l ? DirectoryTerms.Label(l) : "", o.Ward ?? "", o.Address ?? "",
                first?.Name ?? "", first?.Role ?? "", string.Join("; ", emails[o.Id]), Date(o.ValidFrom), Date(o.ValidTo), o.Successor ?? "",
            ]);
        }
        return rows;
    }

    private static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static readonly string[] ExampleRow =
        ["TH-PL-01", "Trường Tiểu học Phú Lợi", "Trường", "Tiểu học", "Phường Phú Lợi", "12 đường Huỳnh Văn Lũy", "Nguyễn Thị Lan", "Hiệu trưởng", "thphuloi@example.edu.vn; hieutruong.thphuloi@example.edu.vn", "01/07/2025", "", ""];

    /// <summary>UTF-8 with a BOM (Excel opens it as UTF-8 only then), comma-separated, CRLF, quoted where needed.</summary>
    public static byte[] ToCsv(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) sb.Append(',');
                var cell = cells[i];
                if (cell.IndexOfAny([',', ';', '"', '\r', '\n']) >= 0 || cell != cell.Trim()) sb.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
                else sb.Append(cell);
            }
            sb.Append("\r\n");
        }
        Line(ImportColumns.Headers);
        foreach (var row in rows) Line(row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] ToXlsx(IEnumerable<string[]> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Danh bạ");
        var headers = ImportColumns.Headers;
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                // Text cells, always: codes like "01" and dates stay as written instead of becoming numbers.
                var cell = sheet.Cell(r, c + 1);
                cell.DataType = XLDataType.Text;
                cell.SetValue(row[c]);
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
