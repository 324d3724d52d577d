using System.Text;
using ChildProtection.Audit.Data;
using ChildProtection.Core.Settings;

namespace ChildProtection.Audit.Trail;

/// <summary>
/// The audit trail as CSV: UTF-8 with a byte-order mark so Excel reads Vietnamese correctly, RFC 4180
/// quoting, and cells that a spreadsheet would run as a formula (=, +, -, @) prefixed with an apostrophe.
/// </summary>
public static class AuditCsv
{
    public static string Row(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0])) v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEvent> rows, SiteTime time, Func<string, string> describe, IReadOnlyList<string> headers, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Row(headers));
        await foreach (var e in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Row([time.Format(e.AtUtc), e.Actor, describe(e.Action), e.SubjectTitle, e.SubjectId, e.Detail, e.Address]));
        }
        await writer.FlushAsync(cancellationToken);
    }
}
