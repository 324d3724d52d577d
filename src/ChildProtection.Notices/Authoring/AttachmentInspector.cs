using System.IO.Compression;

namespace ChildProtection.Notices.Authoring;

/// <summary>What an uploaded file really is, judged by its bytes: a name ending in .pdf proves nothing.</summary>
public static class AttachmentInspector
{
    public sealed record Kind(string ContentType, string Extension);

    public static readonly Kind Pdf = new("application/pdf", ".pdf");
    public static readonly Kind Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly Kind Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");

    /// <summary>PDF, DOCX or XLSX; null for anything else. The stream must be seekable; it is left open.</summary>
    public static Kind? Identify(Stream content)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[5];
        if (content.ReadAtLeast(head, 5, throwOnEndOfStream: false) < 4) return null;
        content.Position = 0;
        if (head.SequenceEqual("%PDF-"u8)) return Pdf;
        if (!(head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)) return null;
        try
        {
            // An Office Open XML package is a zip with [Content_Types].xml and the part folder of its kind.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var hasTypes = false; var word = false; var xl = false;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName == "[Content_Types].xml") hasTypes = true;
                else if (entry.FullName.StartsWith("word/", StringComparison.Ordinal)) word = true;
                else if (entry.FullName.StartsWith("xl/", StringComparison.Ordinal)) xl = true;
            }
            if (!hasTypes || word == xl) return null;
            return word ? Docx : Xlsx;
        }
        catch (InvalidDataException) { return null; }
        finally { content.Position = 0; }
    }
}
