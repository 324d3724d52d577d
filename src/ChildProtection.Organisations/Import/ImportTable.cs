using System.Text;
using ClosedXML.Excel;

namespace ChildProtection.Organisations.Import;

public sealed record TableRow(int Line, string[] Cells);

/// <summary>An uploaded file as a table of text: the header and every non-empty row with its line (CSV) or row (XLSX) number.</summary>
public sealed record ImportTable(string[] Headers, IReadOnlyList<TableRow> Rows);

public enum TableReadFailure { None, Empty, NotUtf8, Utf16, UnreadableWorkbook, NoHeader }

/// <summary>
/// Reads CSV (UTF-8 with or without BOM, <c>;</c>, <c>,</c> or tab) and XLSX into an <see cref="ImportTable"/>.
/// The kind of file is decided by its bytes (an XLSX is a zip), not by its name.
/// </summary>
/// <remarks>
/// CSV is parsed here rather than with CsvHelper: the bytes must be decoded strictly first (a Windows-1258
/// file is refused with a message instead of turned into "Tr??ng"), the delimiter is chosen from the header
/// line, and what remains is RFC 4180's quoting, which fits in one short loop. CsvHelper 34's new
/// source-generated API could not be learned and tried against these cases in the time this needed.
/// </remarks>
public static class ImportTableReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (ImportTable? Table, TableReadFailure Failure) Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return (null, TableReadFailure.Empty);
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) return ReadWorkbook(bytes.ToArray());
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return (null, TableReadFailure.Utf16);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];
        string text;
        try { text = StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { return (null, TableReadFailure.NotUtf8); }
        return ReadCsv(text);
    }

    public static (ImportTable? Table, TableReadFailure Failure) ReadCsv(string text)
    {
        // NFC: a file saved on a Mac may carry decomposed letters; names compare and display composed.
        text = text.Normalize(NormalizationForm.FormC);
        var records = Parse(text, DetectDelimiter(text));
        if (records.Count == 0) return (null, TableReadFailure.Empty);
        var header = records[0].Cells;
        if (header.All(string.IsNullOrWhiteSpace)) return (null, TableReadFailure.NoHeader);
        return (new ImportTable(header.Select(h => h.Trim()).ToArray(), records.Skip(1).ToList()), TableReadFailure.None);
    }

    /// <summary>The most frequent of <c>;</c>, <c>,</c> and tab on the first line outside quotes; comma when none.</summary>
    internal static char DetectDelimiter(string text)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == '\t') tabs++;
        }
        if (tabs > semicolons && tabs > commas) return '\t';
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>RFC 4180: fields in double quotes may hold delimiters, line breaks and doubled quotes. Empty lines are skipped.</summary>
    internal static List<TableRow> Parse(string text, char delimiter)
    {
        var rows = new List<TableRow>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;

        void EndField()
        {
            cells.Add(field.ToString());
            field.Clear();
            fieldStarted = false;
        }

        void EndRecord()
        {
            EndField();
            if (cells.Any(c => c.Length > 0)) rows.Add(new TableRow(recordLine, cells.ToArray()));
            cells.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && !fieldStarted && field.Length == 0) { quoted = true; fieldStarted = true; }
            else if (c == delimiter) EndField();
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRecord();
                line++;
                recordLine = line;
            }
            else { field.Append(c); fieldStarted = true; }
        }
        if (field.Length > 0 || cells.Count > 0) EndRecord();
        return rows;
    }

    private static (ImportTable? Table, TableReadFailure Failure) ReadWorkbook(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var workbook = new XLWorkbook(stream);
            var sheet = workbook.Worksheets.FirstOrDefault();
            var used = sheet?.RangeUsed();
            if (sheet is null || used is null) return (null, TableReadFailure.Empty);
            var lastColumn = used.LastColumn().ColumnNumber();
            var firstRow = used.FirstRow().RowNumber();
            var lastRow = used.LastRow().RowNumber();
            string[] CellsOf(int row) => Enumerable.Range(1, lastColumn).Select(col => CellText(sheet.Cell(row, col))).ToArray();
            var header = CellsOf(firstRow);
            if (header.All(string.IsNullOrWhiteSpace)) return (null, TableReadFailure.NoHeader);
            var rows = new List<TableRow>();
            for (var r = firstRow + 1; r <= lastRow; r++)
            {
                var cells = CellsOf(r);
                if (cells.Any(c => c.Length > 0)) rows.Add(new TableRow(r, cells));
            }
            return (new ImportTable(header.Select(h => h.Trim()).ToArray(), rows), TableReadFailure.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A damaged or foreign zip (a .docx renamed, a truncated upload) is the user's problem to fix, not a 500.
            return (null, TableReadFailure.UnreadableWorkbook);
        }
    }

    private static string CellText(IXLCell cell)
    {
        if (cell.IsEmpty()) return "";
        if (cell.DataType == XLDataType.DateTime) return cell.GetDateTime().ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (cell.DataType == XLDataType.Number) return cell.GetFormattedString();
        return (cell.GetString() ?? "").Normalize(NormalizationForm.FormC);
    }
}
