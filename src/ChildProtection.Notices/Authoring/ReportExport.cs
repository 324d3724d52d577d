using System.IO.Compression;
using System.Text;
using System.Xml;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;

namespace ChildProtection.Notices.Authoring;

/// <summary>
/// The report's rows as CSV (UTF-8 with BOM, so Excel shows Vietnamese right) or XLSX. Both are written
/// row by row from the database: a ledger of 100,000 rows never sits in memory.
/// </summary>
public static class ReportExport
{
    public static async Task WriteCsvAsync<TRow>(Stream output, IReadOnlyList<string> headings, IAsyncEnumerable<TRow> rows, Func<TRow, IReadOnlyList<string>> cells, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true);
        await writer.WriteAsync(string.Join(",", headings.Select(Csv)) + "\r\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
            await writer.WriteAsync(string.Join(",", cells(row).Select(Csv)) + "\r\n");
        await writer.FlushAsync(cancellationToken);
    }

    private static string Csv(string value)
    {
        // A cell starting with = + - @ would be a formula to a spreadsheet: written as text instead.
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>
    /// A minimal Office Open XML workbook (one sheet, inline strings), written through a temporary file
    /// because a zip needs to seek back; the caller streams the file out.
    /// </summary>
    public static async Task WriteXlsxAsync<TRow>(Stream seekableOutput, string sheetName, IReadOnlyList<string> headings, IAsyncEnumerable<TRow> rows, Func<TRow, IReadOnlyList<string>> cells, CancellationToken cancellationToken)
    {
        using (var zip = new ZipArchive(seekableOutput, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{System.Security.SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            await using var stream = entry.Open();
            await using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true });
            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            await xml.WriteStartDocumentAsync(true);
            await xml.WriteStartElementAsync(null, "worksheet", ns);
            await xml.WriteStartElementAsync(null, "sheetData", ns);
            await Row(xml, headings);
            await foreach (var row in rows.WithCancellation(cancellationToken)) await Row(xml, cells(row));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
            await xml.FlushAsync();
        }
    }

    private static async Task Row(XmlWriter xml, IReadOnlyList<string> values)
    {
        await xml.WriteStartElementAsync(null, "row", null);
        foreach (var v in values)
        {
            await xml.WriteStartElementAsync(null, "c", null);
            await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
            await xml.WriteStartElementAsync(null, "is", null);
            await xml.WriteStartElementAsync(null, "t", null);
            await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
            await xml.WriteStringAsync(XmlSafe(v));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    // A server reply may carry control characters XML cannot hold.
    private static string XmlSafe(string s) => s.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r') ? new string(s.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : s;

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
